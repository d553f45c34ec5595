package dev.cloudpacs.dicom.net.assoc;

/**
 * Serves one kind of DIMSE request (SCP side). Handlers run on the association's reader thread; a
 * handler for a long operation (C-FIND, C-MOVE, C-GET) may hand the request to another thread and
 * return, answering through {@link DimseRequest#respond}; {@link DimseRequest#onCancel} and
 * {@link Association#onClose} tell it when to stop.
 */
public interface DimseHandler {
    /**
     * Called when a request's command arrives, before its data set: return a sink to stream the data
     * set to (for large objects), or null to have it buffered in memory and parsed.
     */
    default DataSink dataSink(DimseRequest request) throws DimseFailure {
        return null;
    }

    /**
     * Serves the request once its data set (if any) has fully arrived. Throwing {@link DimseFailure}
     * answers with that status; any other exception answers 0110 (processing failure) with the message
     * as the error comment.
     */
    void handle(DimseRequest request) throws Exception;
}
