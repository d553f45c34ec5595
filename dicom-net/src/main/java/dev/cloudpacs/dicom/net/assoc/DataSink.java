package dev.cloudpacs.dicom.net.assoc;

import java.io.IOException;

/**
 * Receives a data set's bytes as its PDVs arrive, so a handler can stream a large object to disk
 * instead of holding it in memory. Exactly one of {@link #end()} or {@link #abort(Exception)} is called.
 */
public interface DataSink {
    void write(byte[] b, int off, int len) throws IOException;

    /** The last fragment has arrived. */
    void end() throws IOException;

    /** The transfer ended early (abort, connection lost, or a write failed); discard what was written. */
    void abort(Exception cause);
}
