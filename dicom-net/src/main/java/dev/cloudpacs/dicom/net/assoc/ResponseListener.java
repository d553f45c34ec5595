package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.net.dimse.Command;

/** Receives every response to a request (pending ones and the final one), on the reader thread. */
@FunctionalInterface
public interface ResponseListener {
    void onResponse(Command response, DataSet data);
}
