package dev.cloudpacs.retrieve.service.move;

import dev.cloudpacs.common.ae.AeRegistry;
import dev.cloudpacs.common.ae.ApplicationEntity;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryModel;
import dev.cloudpacs.retrieve.store.InstanceResolver;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.common.retrieve.RetrieveJobs;
import dev.cloudpacs.common.retrieve.RetrieveKeys;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.retrieve.dimse.MoveDestination;
import dev.cloudpacs.retrieve.store.DataSetReadAhead;
import dev.cloudpacs.retrieve.store.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs one C-MOVE job: resolves the instances, opens an association to the destination, sends the
 * C-STORE sub-operations and publishes progress. It checkpoints as it goes, so a job taken over after
 * a crash (or a rebalance) resumes where the last checkpoint left it; a destination refusing some
 * objects does not stop the rest.
 */
@ApplicationScoped
public class MoveJob {
    private static final Logger LOG = Logger.getLogger(MoveJob.class);

    /** How a run ended: finished (final status published) or handed back unfinished. */
    public enum Outcome { FINISHED, STOPPED }

    private final PacsConfig config;
    private final RetrieveJobs jobs;
    private final InstanceResolver resolver;
    private final StoredObjects objects;
    private final AeRegistry aes;

    public MoveJob(PacsConfig config, RetrieveJobs jobs, InstanceResolver resolver, StoredObjects objects,
                   AeRegistry aes) {
        this.config = config;
        this.jobs = jobs;
        this.resolver = resolver;
        this.objects = objects;
        this.aes = aes;
    }

    /**
     * Runs (or resumes) the job until it ends or {@code stop} says this pod must let go of it; its
     * progress goes to {@code progress}.
     *
     * @throws Exception when the database or the progress sink fail; the job is then retried from its
     *                   checkpoint
     */
    public Outcome run(RetrieveRequest rq, BooleanSupplier stop, ProgressSink progress) throws Exception {
        Optional<RetrieveJobs.Checkpoint> saved = jobs.load(rq.jobId());
        if (saved.isEmpty()) {
            LOG.warnf("C-MOVE job %s has no retrieve_job row; dropped", rq.jobId());
            return Outcome.FINISHED;
        }
        RetrieveJobs.Checkpoint cp = saved.get();
        if (cp.state() == RetrieveJobs.State.DONE) {
            // Done before a crash kept the request from being committed: say the result again.
            progress.finalStatus(new RetrieveProgress(rq.jobId(), cp.finalStatus() == null ? Status.SUCCESS
                    : cp.finalStatus(), 0, cp.completed(), cp.failed(), cp.warning(), cp.failedUids(), cp.comment()));
            return Outcome.FINISHED;
        }
        List<StoredInstance> all;
        try {
            QueryModel model = QueryModel.ofSopClass(rq.sopClassUid());
            if (model == null) {
                return finish(rq, progress, fail(rq, Status.UNABLE_TO_PROCESS, "not a C-MOVE SOP class: " + rq.sopClassUid()));
            }
            all = resolver.resolve(RetrieveKeys.parse(RetrieveCodec.identifier(rq.identifier()), model,
                    rq.relational()));
        } catch (QueryException e) {
            return finish(rq, progress, fail(rq, e.status(), e.getMessage()));
        }
        Optional<ApplicationEntity> dest = aes.lookup(rq.destination());
        if (dest.isEmpty() || !dest.get().mayRetrieve) {
            return finish(rq, progress, fail(rq, Status.MOVE_DESTINATION_UNKNOWN,
                    "Move Destination '" + rq.destination() + "' unknown"));
        }
        Tally t = new Tally(all.size(), cp);
        if (cp.cancelRequested()) {
            return finish(rq, progress, t.cancelled(rq.jobId()));
        }
        if (t.next >= all.size()) {
            return finish(rq, progress, t.done(rq.jobId(), null));
        }
        List<StoredInstance> toSend = all.subList(t.next, all.size());
        MoveDestination to;
        try {
            to = MoveDestination.open(config, dest.get(), toSend, rq.callingAe(), rq.messageId(), rq.priority());
        } catch (IOException e) {
            t.failRest(all);
            return finish(rq, progress, t.done(rq.jobId(), "cannot associate with " + rq.destination() + ": " + e.getMessage()));
        }
        LOG.infof("C-MOVE job %s: %d instance(s) to %s (%s:%d) for %s, starting at %d", rq.jobId(), all.size(),
                rq.destination(), dest.get().host, dest.get().port, rq.callingAe(), t.next);
        long interval = config.retrieve().progressInterval().toNanos();
        long nextReport = System.nanoTime() + interval;
        String comment = null;
        DataSetReadAhead ahead = new DataSetReadAhead(objects, DataSetReadAhead.MAX_BUFFERED);
        try (to) {
            while (t.next < all.size()) {
                if (stop.getAsBoolean()) {
                    checkpoint(rq, t);
                    return Outcome.STOPPED;
                }
                StoredInstance i = all.get(t.next);
                t.count(i, send(to, ahead, i, t.next + 1 < all.size() ? all.get(t.next + 1) : null));
                t.next++;
                if (System.nanoTime() >= nextReport && t.next < all.size()) {
                    checkpoint(rq, t);
                    progress.pending(t.pending(rq.jobId()));
                    if (jobs.cancelRequested(rq.jobId())) {
                        return finish(rq, progress, t.cancelled(rq.jobId()));
                    }
                    nextReport = System.nanoTime() + interval;
                }
                if (!to.isOpen() && t.next < all.size()) {
                    comment = rq.destination() + " ended the association: " + to.endReason();
                    t.failRest(all);
                }
            }
        }
        return finish(rq, progress, t.done(rq.jobId(), comment));
    }

    /**
     * The C-STORE status of one sub-operation; failures to read or send count as failed. The next
     * instance's data set is read while the destination stores this one.
     */
    private int send(MoveDestination to, DataSetReadAhead ahead, StoredInstance i, StoredInstance next) {
        DataSetReadAhead.Loaded d = null;
        try {
            d = ahead.take(i);
            StoreScu.InFlight sent = to.start(d);
            if (next != null) {
                ahead.readAhead(next);
            }
            return sent.await().status();
        } catch (IOException e) {
            LOG.warnf("C-MOVE sub-operation for %s failed: %s", i.sopInstanceUid(), e.getMessage());
            return Status.UNABLE_TO_PROCESS;
        } finally {
            if (d != null) {
                ahead.release(d);
            }
        }
    }

    private void checkpoint(RetrieveRequest rq, Tally t) throws SQLException {
        jobs.checkpoint(rq.jobId(), t.next, t.total - t.next, t.completed, t.failed, t.warning, t.failedUids);
    }

    private static RetrieveProgress fail(RetrieveRequest rq, int status, String comment) {
        return new RetrieveProgress(rq.jobId(), status, 0, 0, 0, 0, List.of(), comment);
    }

    private Outcome finish(RetrieveRequest rq, ProgressSink progress, RetrieveProgress last) throws Exception {
        jobs.finish(rq.jobId(), last);
        progress.finalStatus(last);
        LOG.infof("C-MOVE job %s to %s ended %04X: completed=%d failed=%d warning=%d%s", rq.jobId(),
                rq.destination(), last.status(), last.completed(), last.failed(), last.warning(),
                last.comment() == null ? "" : " (" + last.comment() + ")");
        return Outcome.FINISHED;
    }

    /** The sub-operation counts (PS3.4 C.4.2.1.6), resumed from a checkpoint. */
    private static final class Tally {
        final int total;
        int next;
        int completed;
        int failed;
        int warning;
        final List<String> failedUids;

        Tally(int total, RetrieveJobs.Checkpoint cp) {
            this.total = total;
            this.next = Math.min(cp.nextIndex(), total);
            this.completed = cp.completed();
            this.failed = cp.failed();
            this.warning = cp.warning();
            this.failedUids = new ArrayList<>(cp.failedUids());
        }

        void count(StoredInstance i, int status) {
            if (status == Status.SUCCESS) {
                completed++;
            } else if (status > 0 && Status.category(status) == Status.Category.WARNING) {
                warning++;
            } else {
                failed++;
                failedUids.add(i.sopInstanceUid());
            }
        }

        void failRest(List<StoredInstance> all) {
            for (; next < all.size(); next++) {
                failed++;
                failedUids.add(all.get(next).sopInstanceUid());
            }
        }

        RetrieveProgress pending(String jobId) {
            return new RetrieveProgress(jobId, Status.PENDING, total - next, completed, failed, warning, List.of(),
                    null);
        }

        RetrieveProgress cancelled(String jobId) {
            return new RetrieveProgress(jobId, Status.CANCEL, total - next, completed, failed, warning, failedUids,
                    null);
        }

        RetrieveProgress done(String jobId, String comment) {
            return new RetrieveProgress(jobId, RetrieveProgress.finalStatus(completed, failed, warning), 0, completed,
                    failed, warning, failedUids, comment);
        }
    }
}
