package dev.cloudpacs.dicom.net.assoc;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a data set's bytes, already in the presentation context's transfer syntax, to a DIMSE stream. */
@FunctionalInterface
public interface DataWriter {
    void writeTo(OutputStream out) throws IOException;
}
