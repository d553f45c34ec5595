package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.common.ae.AeRegistry;
import dev.cloudpacs.common.ae.AeRules;
import dev.cloudpacs.common.ae.InvalidAeException;
import dev.cloudpacs.common.ae.ApplicationEntity;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryModel;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.common.retrieve.RetrieveKeys;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.assoc.Subscription;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.QueryRetrieveModel;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.ingest.client.RetrieveJobClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * C-MOVE SCP of the front door. An unknown destination is answered A801 at once and a malformed
 * identifier A900; anything else becomes a durable job ({@link RetrieveJobClient}) that retrieve-service
 * runs. The job's progress comes back as pending responses with the sub-operation counts, then the
 * final status. A C-CANCEL, or the requester going away, asks the job to stop.
 */
@ApplicationScoped
public class MoveHandler implements DimseHandler {
    private static final Logger LOG = Logger.getLogger(MoveHandler.class);
    /** Put in a relay's queue by a C-CANCEL or the end of the association: wakes the relay up. */
    private static final RetrieveProgress WAKE = new RetrieveProgress(null, Status.PENDING, 0, 0, 0, 0, List.of(), null);

    /** The C-MOVE SOP classes served: Patient Root, Study Root and (retired) Patient/Study Only. */
    public static final Set<String> SOP_CLASSES = Set.of(
            QueryRetrieveModel.PATIENT_ROOT.sopClassUid(CommandField.C_MOVE_RQ),
            QueryRetrieveModel.STUDY_ROOT.sopClassUid(CommandField.C_MOVE_RQ),
            QueryRetrieveModel.PATIENT_STUDY_ONLY.sopClassUid(CommandField.C_MOVE_RQ));

    private final RetrieveJobClient jobs;
    private final AeRegistry aes;
    private final PacsConfig config;
    private final Counter requests;
    private final Counter failures;

    public MoveHandler(RetrieveJobClient jobs, AeRegistry aes, PacsConfig config, MeterRegistry meters) {
        this.jobs = jobs;
        this.aes = aes;
        this.config = config;
        this.requests = meters.counter("pacs_move_requests_total");
        this.failures = meters.counter("pacs_move_failures_total");
    }

    @Override
    public void handle(DimseRequest request) throws DimseFailure {
        requests.increment();
        Command rq = request.command();
        Association as = request.association();
        if (request.dataSet() == null) {
            throw new DimseFailure(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "C-MOVE-RQ without an identifier");
        }
        String destination = rq.moveDestination() == null ? "" : rq.moveDestination().trim();
        Optional<ApplicationEntity> dest = validAeTitle(destination) ? aes.lookup(destination) : Optional.empty();
        if (dest.isEmpty() || !dest.get().mayRetrieve) {
            throw new DimseFailure(Status.MOVE_DESTINATION_UNKNOWN, "Move Destination '" + destination + "' unknown");
        }
        boolean relational = DimseFrontDoor.relationalRetrieve(as, rq.affectedSopClassUid());
        try {
            RetrieveKeys.parse(request.dataSet(), QueryModel.ofSopClass(rq.affectedSopClassUid()), relational);
        } catch (QueryException e) {
            throw new DimseFailure(e.status(), e.getMessage());
        }
        RetrieveRequest job;
        try {
            job = new RetrieveRequest(UUID.randomUUID().toString(), rq.affectedSopClassUid(),
                    RetrieveCodec.identifier(request.dataSet()), relational, destination, as.callingAeTitle(),
                    as.calledAeTitle(), rq.messageId(), rq.priority());
        } catch (IOException e) {
            throw new DimseFailure(Status.UNABLE_TO_PROCESS, "cannot encode the identifier");
        }
        BlockingQueue<RetrieveProgress> updates = new LinkedBlockingQueue<>();
        try {
            jobs.submit(job, updates::add);
        } catch (RetrieveJobClient.Unavailable e) {
            failures.increment();
            LOG.warnf("C-MOVE from %s to %s answered %04X: %s", as.callingAeTitle(), destination,
                    Status.UNABLE_TO_PERFORM_SUBOPERATIONS, e.getMessage());
            throw new DimseFailure(Status.UNABLE_TO_PERFORM_SUBOPERATIONS, e.getMessage());
        }
        LOG.debugf("C-MOVE from %s to %s: job %s", as.callingAeTitle(), destination, job.jobId());
        request.detach();
        Thread.ofVirtual().name("move-" + as.callingAeTitle() + "-" + rq.messageId()).start(() -> {
            try {
                relay(request, job, updates);
            } finally {
                jobs.forget(job.jobId());
                request.finished();
            }
        });
    }

    /**
     * Sends the job's progress to the requester until the final status; coalesces pending bursts. After
     * {@code pacs.retrieve.progress-silence} without news it looks the job up in the index, so a final
     * status missed on the progress topic still reaches the requester.
     */
    private void relay(DimseRequest request, RetrieveRequest job, BlockingQueue<RetrieveProgress> updates) {
        Association as = request.association();
        boolean cancelSent = false;
        long silence = config.retrieve().progressSilence().toNanos();
        long heard = System.nanoTime();
        try (Subscription onCancel = request.onCancel(() -> updates.add(WAKE));
             Subscription onClose = as.onClose(() -> updates.add(WAKE))) {
            while (true) {
                long wait = silence - (System.nanoTime() - heard);
                RetrieveProgress p = updates.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
                if (p == WAKE) {
                    if (!cancelSent && (request.isCancelled() || !as.isOpen())) {
                        jobs.cancel(job.jobId());
                        cancelSent = true;
                    }
                    if (!as.isOpen()) {
                        return; // the job stops on its own; nobody is left to answer
                    }
                    continue;
                }
                if (p == null) {
                    heard = System.nanoTime();
                    p = jobs.endedInIndex(job.jobId()).orElse(null);
                    if (p == null) {
                        continue;
                    }
                    LOG.warnf("C-MOVE job %s: final status %04X taken from the index (its progress message was"
                            + " not heard)", job.jobId(), p.status());
                }
                heard = System.nanoTime();
                RetrieveProgress next;
                while (!p.isFinal() && (next = updates.poll()) != null) {
                    if (next != WAKE) {
                        p = next; // only the latest counts matter
                    } else {
                        updates.add(WAKE); // handled on the next turn, after these counts
                        break;
                    }
                }
                if (p.isFinal()) {
                    if (p.status() != Status.SUCCESS && p.status() != Status.CANCEL) {
                        failures.increment();
                    }
                    RetrieveResponses.respondFinal(request, p);
                    return;
                }
                if (!request.isCancelled()) {
                    RetrieveResponses.pending(request, p);
                }
            }
        } catch (IOException e) {
            LOG.debugf("C-MOVE job %s: association lost: %s", job.jobId(), e.getMessage());
            jobs.cancel(job.jobId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean validAeTitle(String ae) {
        try {
            AeRules.title(ae);
            return true;
        } catch (InvalidAeException e) {
            return false;
        }
    }
}
