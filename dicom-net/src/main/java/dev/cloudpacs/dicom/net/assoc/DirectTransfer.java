package dev.cloudpacs.dicom.net.assoc;

import java.io.IOException;
import java.io.InputStream;

/**
 * Implemented by the stream a {@link DataWriter} is given: it fills its PDUs straight from an input
 * stream (a stored file), saving the copy through an intermediate buffer that
 * {@link InputStream#transferTo} would make.
 */
public interface DirectTransfer {
    /** Copies {@code in} to its end into the data set; returns the number of bytes. */
    long transferFrom(InputStream in) throws IOException;

    /** Copies {@code in} to its end into {@code out}, directly when {@code out} can take it so. */
    static long transfer(InputStream in, java.io.OutputStream out) throws IOException {
        return out instanceof DirectTransfer direct ? direct.transferFrom(in) : in.transferTo(out);
    }
}
