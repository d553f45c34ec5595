package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.retrieve.GetStream;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.DataWriter;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DirectTransfer;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.assoc.Subscription;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.QueryRetrieveModel;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.ingest.client.RetrieveServiceClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * C-GET SCP of the front door: retrieve-service streams the matched instances ({@link GetStream}) and
 * each goes back to the requester as a C-STORE sub-operation on the same association, in its stored
 * transfer syntax when the requester accepted it, else converted to an accepted uncompressed one.
 * Pending responses carry the counts; a C-CANCEL stops after the current sub-operation (FE00).
 */
@ApplicationScoped
public class GetHandler implements DimseHandler {
    private static final Logger LOG = Logger.getLogger(GetHandler.class);

    /** The C-GET SOP classes served: Patient Root, Study Root and (retired) Patient/Study Only. */
    public static final Set<String> SOP_CLASSES = Set.of(
            QueryRetrieveModel.PATIENT_ROOT.sopClassUid(CommandField.C_GET_RQ),
            QueryRetrieveModel.STUDY_ROOT.sopClassUid(CommandField.C_GET_RQ),
            QueryRetrieveModel.PATIENT_STUDY_ONLY.sopClassUid(CommandField.C_GET_RQ));

    private final RetrieveServiceClient retrieveService;
    private final long progressNanos;
    private final Counter requests;
    private final Counter failures;

    public GetHandler(RetrieveServiceClient retrieveService, PacsConfig config, MeterRegistry meters) {
        this.retrieveService = retrieveService;
        this.progressNanos = config.retrieve().progressInterval().toNanos();
        this.requests = meters.counter("pacs_get_requests_total");
        this.failures = meters.counter("pacs_get_failures_total");
    }

    @Override
    public void handle(DimseRequest request) throws DimseFailure {
        requests.increment();
        if (request.dataSet() == null) {
            throw new DimseFailure(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "C-GET-RQ without an identifier");
        }
        request.detach();
        // A platform thread, as for C-MOVE jobs: the relay writes a stream of PDUs to the requester's socket.
        Thread.ofPlatform().daemon().name("get-" + request.association().callingAeTitle() + "-" + request.command().messageId())
                .start(() -> {
                    try {
                        relay(request);
                    } finally {
                        request.finished();
                    }
                });
    }

    /** The counts of one C-GET. */
    private static final class Tally {
        int total;
        int done;
        int completed;
        int failed;
        int warning;
        final List<String> failedUids = new ArrayList<>();

        void count(String iuid, int status) {
            done++;
            if (status == Status.SUCCESS) {
                completed++;
            } else if (status > 0 && Status.category(status) == Status.Category.WARNING) {
                warning++;
            } else {
                failed++;
                failedUids.add(iuid);
            }
        }

        RetrieveProgress progress(int status, String comment) {
            return new RetrieveProgress(null, status, Math.max(total - done, 0), completed, failed, warning,
                    failedUids, comment);
        }
    }

    private void relay(DimseRequest request) {
        Command rq = request.command();
        Association as = request.association();
        Tally t = new Tally();
        DataInputStream in;
        try {
            in = retrieveService.get(rq.affectedSopClassUid(), DimseFrontDoor.relationalRetrieve(as,
                    rq.affectedSopClassUid()), request.dataSet());
        } catch (RetrieveServiceClient.Unavailable e) {
            failures.increment();
            LOG.warnf("C-GET from %s answered %04X: %s (%s)", as.callingAeTitle(),
                    Status.UNABLE_TO_CALCULATE_NUMBER_OF_MATCHES, e.getMessage(), retrieveService.serviceUrl());
            RetrieveResponses.respondQuietly(request, t.progress(Status.UNABLE_TO_CALCULATE_NUMBER_OF_MATCHES,
                    e.getMessage()));
            return;
        }
        GetPrefetcher ahead = new GetPrefetcher(in, "get-read-" + rq.messageId());
        // A cancel takes effect between sub-operations; only a lost association cuts the stream.
        Subscription onClose = as.onClose(ahead::close);
        String comment = null;
        try {
            long nextReport = System.nanoTime() + progressNanos;
            while (true) {
                GetPrefetcher.Item item;
                try {
                    item = ahead.next();
                } catch (IOException e) {
                    if (request.isCancelled() || !as.isOpen()) {
                        break;
                    }
                    comment = "retrieve service stream broken: " + e.getMessage();
                    LOG.warnf("C-GET from %s: %s", as.callingAeTitle(), comment);
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                GetStream.Record rec = item.record();
                if (rec.isCount()) {
                    t.total = rec.count();
                } else if (rec.isFailed()) {
                    t.count(rec.sopInstanceUid(), Status.UNABLE_TO_PROCESS);
                } else if (rec.isInstance()) {
                    if (request.isCancelled()) {
                        ahead.done(item);
                        break;
                    }
                    try {
                        t.count(rec.sopInstanceUid(), store(as, rq, rec, item));
                    } finally {
                        ahead.done(item);
                    }
                    if (System.nanoTime() >= nextReport && t.done < t.total) {
                        RetrieveResponses.pending(request, t.progress(Status.PENDING, null));
                        nextReport = System.nanoTime() + progressNanos;
                    }
                } else {
                    if (rec.status() != Status.SUCCESS) {
                        // The identifier could not be retrieved: answered with retrieve-service's status.
                        RetrieveResponses.respondFinal(request, t.progress(rec.status(), rec.comment()));
                        return;
                    }
                    break;
                }
            }
            if (!as.isOpen()) {
                LOG.debugf("C-GET from %s: association ended during the retrieve", as.callingAeTitle());
                return;
            }
            if (request.isCancelled()) {
                RetrieveResponses.respondFinal(request, t.progress(Status.CANCEL, null));
                return;
            }
            if (comment != null) {
                // What was not sent failed; the list names only those we know of.
                t.failed += Math.max(t.total - t.done, 0);
                t.done = t.total;
            }
            RetrieveResponses.respondFinal(request, t.progress(
                    RetrieveProgress.finalStatus(t.completed, t.failed, t.warning), comment));
        } catch (IOException e) {
            LOG.debugf("C-GET from %s: association lost: %s", as.callingAeTitle(), e.getMessage());
        } finally {
            onClose.close();
            ahead.close();
        }
    }

    /**
     * One C-STORE sub-operation with the instance's data set, read from the stream; returns its status,
     * or a failure when no accepted context can carry it.
     */
    private static int store(Association as, Command getRq, GetStream.Record rec, GetPrefetcher.Item item)
            throws IOException {
        Chunks buffered = item.buffered();
        try (InputStream live = item.live()) {
            PresentationContext pc = as.contextFor(rec.sopClassUid(), rec.transferSyntaxUid());
            DataWriter writer;
            if (pc != null) {
                writer = buffered != null ? buffered::writeTo : out -> DirectTransfer.transfer(live, out);
            } else {
                pc = StoreScu.convertibleContext(as, rec.sopClassUid(), rec.transferSyntaxUid());
                if (pc == null) {
                    LOG.debugf("C-GET: no accepted context for %s in %s", rec.sopClassUid(), rec.transferSyntaxUid());
                    return Status.UNABLE_TO_PROCESS;
                }
                DataSet ds = DicomReader.readDataSet(buffered != null ? buffered.stream() : live,
                        TransferSyntax.of(rec.transferSyntaxUid()));
                TransferSyntax target = pc.transferSyntax();
                writer = out -> DicomWriter.writeDataSet(out, ds, target, WriteOptions.DEFAULT);
            }
            Command store = Commands.cStoreRq(as.nextMessageId(), rec.sopClassUid(), rec.sopInstanceUid(),
                    getRq.priority());
            return as.await(as.invoke(pc.id(), store, writer, null)).status();
        }
    }
}
