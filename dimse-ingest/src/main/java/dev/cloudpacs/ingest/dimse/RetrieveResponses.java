package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.io.IOException;

/**
 * C-MOVE-RSP and C-GET-RSP as PS3.4 C.4.2.1.5/C.4.3.1.4 word them: pending responses with all four
 * sub-operation counts; a final response without the remaining count (except after a cancel), and with
 * an identifier listing the Failed SOP Instance UIDs when any sub-operation failed.
 */
final class RetrieveResponses {
    private RetrieveResponses() {
    }

    static void pending(DimseRequest request, RetrieveProgress p) throws IOException {
        request.respond(Commands.response(request.command(), Status.PENDING)
                .withSubOperations(p.remaining(), p.completed(), p.failed(), p.warning()), null);
    }

    static void respondFinal(DimseRequest request, RetrieveProgress p) throws IOException {
        int status = p.status();
        Command rsp = Commands.response(request.command(), status);
        boolean counted = p.completed() + p.failed() + p.warning() + Math.max(p.remaining(), 0) > 0
                || status == Status.SUCCESS || status == Status.CANCEL
                || status == Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES
                || status == Status.UNABLE_TO_PERFORM_SUBOPERATIONS;
        if (counted) {
            rsp = rsp.withSubOperations(status == Status.CANCEL ? Math.max(p.remaining(), 0) : -1, p.completed(),
                    p.failed(), p.warning());
        }
        if (p.comment() != null && status != Status.SUCCESS) {
            rsp = rsp.withErrorComment(p.comment());
        }
        DataSet identifier = null;
        if (p.failedUids() != null && !p.failedUids().isEmpty() && status != Status.SUCCESS) {
            identifier = new DataSet();
            identifier.setString(Tag.FailedSOPInstanceUIDList, VR.UI, p.failedUids().toArray(String[]::new));
            rsp = rsp.withDataSet(true);
        }
        request.respond(rsp, identifier);
    }

    static void respondQuietly(DimseRequest request, RetrieveProgress p) {
        try {
            respondFinal(request, p);
        } catch (IOException e) {
            // the association is gone: nobody is left to answer
        }
    }
}
