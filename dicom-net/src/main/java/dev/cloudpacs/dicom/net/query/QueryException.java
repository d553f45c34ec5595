package dev.cloudpacs.dicom.net.query;

/**
 * A query that cannot be run as given, with the C-FIND status that says why (A900 identifier does not
 * match SOP class, C000 unable to process) and a message for the Error Comment or the HTTP reply.
 */
public class QueryException extends Exception {
    private final int status;

    public QueryException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
