package dev.cloudpacs.common.commitment;

import dev.cloudpacs.contracts.commitment.CommitmentResult;
import dev.cloudpacs.contracts.commitment.FailedReference;
import dev.cloudpacs.contracts.commitment.Reference;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu;

import java.io.IOException;

/**
 * The storage commitment N-EVENT-REPORT (PS3.4 J.3.3): Event Type 1 when all references were committed,
 * 2 when some failed; the Event Information carries the Transaction UID as received, the Referenced SOP
 * Sequence of the committed and the Failed SOP Sequence with a Failure Reason per item.
 */
public final class EventReport {
    private EventReport() {
    }

    /** The Event Information data set of {@code result}. */
    public static DataSet eventInformation(CommitmentResult result, String retrieveAeTitle) {
        DataSet ds = new DataSet();
        ds.setString(Tag.TransactionUID, VR.UI, result.transactionUid());
        if (retrieveAeTitle != null && !result.committed().isEmpty()) {
            ds.setString(Tag.RetrieveAETitle, VR.AE, retrieveAeTitle);
        }
        if (!result.committed().isEmpty()) {
            Sequence ok = ds.newSequence(Tag.ReferencedSOPSequence, result.committed().size());
            for (Reference r : result.committed()) {
                DataSet item = ok.addItem();
                item.setString(Tag.ReferencedSOPClassUID, VR.UI, r.sopClassUid());
                item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r.sopInstanceUid());
            }
        }
        if (!result.failed().isEmpty()) {
            Sequence bad = ds.newSequence(Tag.FailedSOPSequence, result.failed().size());
            for (FailedReference f : result.failed()) {
                DataSet item = bad.addItem();
                item.setString(Tag.ReferencedSOPClassUID, VR.UI, f.sopClassUid());
                item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, f.sopInstanceUid());
                item.setInt(Tag.FailureReason, VR.US, f.failureReason());
            }
        }
        return ds;
    }

    /**
     * Sends the report on {@code as} (either side of the association may send it) and returns the
     * N-EVENT-REPORT-RSP status.
     *
     * @throws IOException when no Storage Commitment context was accepted or the association fails
     */
    public static int send(Association as, CommitmentResult result, String retrieveAeTitle) throws IOException {
        PresentationContext pc = as.contextFor(StorageCommitmentScu.SOP_CLASS, null);
        if (pc == null) {
            throw new IOException("no accepted presentation context for the Storage Commitment Push Model");
        }
        DataSet info = eventInformation(result, retrieveAeTitle);
        Command rq = Commands.nEventReportRq(as.nextMessageId(), StorageCommitmentScu.SOP_CLASS,
                StorageCommitmentScu.SOP_INSTANCE, result.eventType());
        Command rsp = as.await(as.invoke(pc.id(), rq,
                out -> DicomWriter.writeDataSet(out, info, pc.transferSyntax(), WriteOptions.DEFAULT), null));
        return rsp.status();
    }
}
