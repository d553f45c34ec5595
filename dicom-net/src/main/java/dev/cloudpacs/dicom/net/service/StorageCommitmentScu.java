package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Storage Commitment Push Model SCU (PS3.4 Annex J): sends the N-ACTION request and receives the
 * N-EVENT-REPORT with the outcome, on the same association or on one the SCP opens back to us (for
 * that, register {@link #register} on a listening server too).
 */
public final class StorageCommitmentScu implements DimseHandler {
    /** Storage Commitment Push Model SOP Class and its well-known instance, PS3.4 J.3. */
    public static final String SOP_CLASS = "1.2.840.10008.1.20.1";
    public static final String SOP_INSTANCE = "1.2.840.10008.1.20.1.1";

    /** A referenced object: SOP class and instance. */
    public record Reference(String sopClassUid, String sopInstanceUid) {
    }

    /** A reference that could not be committed, with its Failure Reason (0008,1197). */
    public record Failure(Reference reference, int reason) {
    }

    /** The N-EVENT-REPORT outcome of one transaction. */
    public record Result(String transactionUid, int eventType, List<Reference> committed, List<Failure> failed,
                         String reportedOn) {
    }

    private final Map<String, CompletableFuture<Result>> waiting = new ConcurrentHashMap<>();

    /** Serves N-EVENT-REPORT for storage commitment on {@code registry}. */
    public HandlerRegistry register(HandlerRegistry registry) {
        return registry.register(Set.of(SOP_CLASS), CommandField.N_EVENT_REPORT_RQ, this);
    }

    /** Sends the N-ACTION (action type 1) and returns its response status; the result comes later. */
    public int request(Association as, String transactionUid, List<Reference> refs) throws IOException {
        PresentationContext pc = as.contextFor(SOP_CLASS, null);
        if (pc == null) {
            throw new AssociationException(AssociationException.Kind.NO_PRESENTATION_CONTEXT,
                    "the peer did not accept the Storage Commitment Push Model SOP Class");
        }
        waiting.computeIfAbsent(transactionUid, k -> new CompletableFuture<>());
        DataSet ds = new DataSet();
        ds.setString(Tag.TransactionUID, VR.UI, transactionUid);
        Sequence seq = ds.newSequence(Tag.ReferencedSOPSequence, refs.size());
        for (Reference r : refs) {
            DataSet item = seq.addItem();
            item.setString(Tag.ReferencedSOPClassUID, VR.UI, r.sopClassUid());
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r.sopInstanceUid());
        }
        Command rq = Commands.nActionRq(as.nextMessageId(), SOP_CLASS, SOP_INSTANCE, 1);
        Command rsp = as.await(as.invoke(pc.id(), rq,
                out -> DicomWriter.writeDataSet(out, ds, pc.transferSyntax(), WriteOptions.DEFAULT), null));
        return rsp.status();
    }

    /** Waits for the N-EVENT-REPORT of {@code transactionUid}. */
    public Result await(String transactionUid, long timeoutMillis) throws IOException {
        CompletableFuture<Result> f = waiting.computeIfAbsent(transactionUid, k -> new CompletableFuture<>());
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no N-EVENT-REPORT for transaction " + transactionUid + " within "
                    + timeoutMillis / 1000 + " s");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    @Override
    public void handle(DimseRequest request) throws Exception {
        Command rq = request.command();
        DataSet ds = request.dataSet();
        int type = rq.eventTypeId();
        if (type != 1 && type != 2) {
            throw new DimseFailure(Status.NO_SUCH_EVENT_TYPE, "event type " + type + " is not 1 or 2");
        }
        if (ds == null || ds.getString(Tag.TransactionUID) == null) {
            throw new DimseFailure(Status.MISSING_ATTRIBUTE, "no Transaction UID in the event report");
        }
        String tx = ds.getString(Tag.TransactionUID);
        Result result = new Result(tx, type, references(ds.getSequence(Tag.ReferencedSOPSequence)),
                failures(ds.getSequence(Tag.FailedSOPSequence)),
                request.association().isRequestor() ? "same association" : "new association");
        request.respond(Commands.response(rq, Status.SUCCESS).withAffectedSopInstanceUid(SOP_INSTANCE), null);
        waiting.computeIfAbsent(tx, k -> new CompletableFuture<>()).complete(result);
    }

    private static List<Reference> references(Sequence seq) {
        List<Reference> out = new ArrayList<>();
        if (seq != null) {
            for (DataSet item : seq) {
                out.add(new Reference(item.getString(Tag.ReferencedSOPClassUID), item.getString(Tag.ReferencedSOPInstanceUID)));
            }
        }
        return out;
    }

    private static List<Failure> failures(Sequence seq) {
        List<Failure> out = new ArrayList<>();
        if (seq != null) {
            for (DataSet item : seq) {
                out.add(new Failure(new Reference(item.getString(Tag.ReferencedSOPClassUID),
                        item.getString(Tag.ReferencedSOPInstanceUID)), item.getInt(Tag.FailureReason, 0)));
            }
        }
        return out;
    }
}
