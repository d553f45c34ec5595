package dev.cloudpacs.dicom.net.assoc;

/** A request that fails with a specific DIMSE status; the message becomes the Error Comment (0000,0902). */
public class DimseFailure extends Exception {
    private final int status;

    public DimseFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    public DimseFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
