package dev.cloudpacs.ingest.client;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.kafka.KafkaClients;
import dev.cloudpacs.common.retrieve.RetrieveBus;
import dev.cloudpacs.common.retrieve.RetrieveJobs;
import dev.cloudpacs.common.worker.Workers;
import dev.cloudpacs.contracts.events.EventTypes;
import dev.cloudpacs.contracts.retrieve.MoveStream;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import dev.cloudpacs.dicom.net.dimse.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The front door's side of C-MOVE jobs. A job's {@code retrieve_job} row is written first; then the job
 * runs on a call to retrieve-service ({@link RetrieveServiceClient#move}, the fast path: no Kafka round
 * trip, the pod that answers runs it now) or, when that call cannot be made or breaks off before the
 * final status, goes on {@code dicom.retrieve.requests}, where any retrieve-service pod takes it and
 * resumes it from its checkpoint. A queued job's progress comes back on {@code dicom.retrieve.progress}:
 * every front-door pod reads every progress partition (no consumer group) from the moment it starts,
 * and keeps what belongs to the jobs it submitted. Either way the requester hears one final status.
 */
@ApplicationScoped
public class RetrieveJobClient {
    private static final Logger LOG = Logger.getLogger(RetrieveJobClient.class);

    private final PacsConfig config;
    private final RetrieveJobs jobs;
    private final RetrieveServiceClient retrieveService;
    private final Counter queued;
    private final Map<String, Consumer<RetrieveProgress>> listeners = new ConcurrentHashMap<>();
    private final Workers workers;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile TopicTail progress;

    /** The job could not be submitted; the message says why. */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public RetrieveJobClient(PacsConfig config, RetrieveJobs jobs, RetrieveServiceClient retrieveService,
                             Workers workers, MeterRegistry meters) {
        this.config = config;
        this.jobs = jobs;
        this.retrieveService = retrieveService;
        this.workers = workers;
        this.queued = meters.counter("pacs_move_queued_jobs_total");
    }

    void start(@Observes StartupEvent ev) {
        // In the background: Kafka being down must not keep the front door (C-STORE) from starting.
        progress = new TopicTail(config, config.retrieve().progressTopic(), "dimse-ingest-progress",
                () -> RetrieveBus.ensureTopics(config), this::onProgress);
        workers.start(progress);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Submits a job; {@code listener} gets its progress, the final message last, on a thread of this
     * client (it must not block).
     *
     * @throws Unavailable when the job can be neither run nor queued (database, retrieve-service and
     *                     Kafka unavailable)
     */
    public void submit(RetrieveRequest rq, Consumer<RetrieveProgress> listener) throws Unavailable {
        try {
            jobs.create(rq);
        } catch (java.sql.SQLException e) {
            LOG.warnf("index unavailable: %s", e.getMessage());
            throw new Unavailable("index unavailable, try again later", e);
        }
        if (config.retrieve().moveDirect()) {
            try {
                DataInputStream progress = retrieveService.move(rq);
                Thread.ofVirtual().name("move-stream-" + rq.jobId()).start(() -> follow(rq, progress, listener));
                return;
            } catch (RetrieveServiceClient.Unavailable e) {
                LOG.debugf("C-MOVE job %s queued: %s", rq.jobId(), e.getMessage());
            }
        }
        try {
            enqueue(rq, listener);
        } catch (Unavailable e) {
            // Answered with a failure now: the row must not stay behind as a job still to run.
            try {
                jobs.finish(rq.jobId(), new RetrieveProgress(rq.jobId(), Status.UNABLE_TO_PERFORM_SUBOPERATIONS, 0, 0,
                        0, 0, List.of(), e.getMessage()));
            } catch (java.sql.SQLException x) {
                LOG.debugf("C-MOVE job %s not marked done: %s", rq.jobId(), x.getMessage());
            }
            throw e;
        }
    }

    /**
     * Relays a job's progress stream to its listener; a stream that breaks off before the final status
     * hands the job to the queue, where it resumes from its checkpoint.
     */
    private void follow(RetrieveRequest rq, DataInputStream progress, Consumer<RetrieveProgress> listener) {
        RetrieveProgress last = null;
        try (progress) {
            while (true) {
                RetrieveProgress p = MoveStream.readProgress(progress);
                listener.accept(p);
                if (p.isFinal()) {
                    // Only the end of the body is left: read it, so the connection is kept for the next job.
                    byte[] rest = new byte[256];
                    for (int i = 0; i < 16 && progress.read(rest) >= 0; i++) {
                        // nothing but the end of the chunked encoding is expected here
                    }
                    return;
                }
                last = p;
            }
        } catch (IOException e) {
            LOG.infof("C-MOVE job %s: retrieve-service stream broke off (%s); handed to the job queue", rq.jobId(),
                    e.getMessage());
        }
        try {
            enqueue(rq, listener);
        } catch (Unavailable e) {
            RetrieveProgress failed = new RetrieveProgress(rq.jobId(), Status.UNABLE_TO_PERFORM_SUBOPERATIONS,
                    last == null ? 0 : last.remaining(), last == null ? 0 : last.completed(),
                    last == null ? 0 : last.failed(), last == null ? 0 : last.warning(), List.of(),
                    "retrieve service lost and " + e.getMessage());
            LOG.warnf("C-MOVE job %s ended %04X: %s", rq.jobId(), failed.status(), failed.comment());
            try {
                jobs.finish(rq.jobId(), failed);
            } catch (java.sql.SQLException x) {
                LOG.debugf("C-MOVE job %s not marked done: %s", rq.jobId(), x.getMessage());
            }
            listener.accept(failed);
        }
    }

    /** Puts the job (its row written) on the request topic; its progress comes from the progress topic. */
    private void enqueue(RetrieveRequest rq, Consumer<RetrieveProgress> listener) throws Unavailable {
        // One deadline for the whole hand-over (the README's 10 s): the tail's reconnect, then the send,
        // whose metadata wait (max.block) fails fast and is tried again while time is left.
        long deadline = System.nanoTime() + TopicTail.REQUEST_WAIT.toNanos();
        TopicTail t = progress;
        if (t == null || !t.awaitReady(Duration.ofNanos(deadline - System.nanoTime()))) {
            throw new Unavailable("retrieve job queue (Kafka) not reachable", null);
        }
        listeners.put(rq.jobId(), listener);
        try {
            KafkaClients.sendBy(producer(), RetrieveBus.record(config.retrieve().requestsTopic(),
                    config.events().source(), EventTypes.RETRIEVE_REQUESTED, rq.jobId(), rq), deadline);
            queued.increment();
        } catch (Exception e) {
            listeners.remove(rq.jobId());
            throw new Unavailable("retrieve job queue (Kafka) unavailable", e);
        }
    }

    /**
     * The job's final status from its index row, if it has ended: for a final progress message this pod
     * did not hear. Empty while it runs, and when the index cannot be read.
     */
    public Optional<RetrieveProgress> endedInIndex(String jobId) {
        try {
            return jobs.ended(jobId);
        } catch (java.sql.SQLException e) {
            LOG.debugf("C-MOVE job %s not looked up: %s", jobId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stops listening to a job (its final status arrived, or nobody is left to tell). */
    public void forget(String jobId) {
        listeners.remove(jobId);
    }

    /** Asks the pod running the job to stop it (C-CANCEL). */
    public void cancel(String jobId) {
        try {
            jobs.requestCancel(jobId);
        } catch (java.sql.SQLException e) {
            LOG.warnf("C-CANCEL of job %s not recorded: %s", jobId, e.getMessage());
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = RetrieveBus.producer(config, "dimse-ingest-retrieve");
                }
                p = producer;
            }
        }
        return p;
    }

    /** A progress message: for a job of this pod's associations, or another's. */
    private void onProgress(String jobId, byte[] value) {
        Consumer<RetrieveProgress> l = listeners.get(jobId);
        if (l == null) {
            return; // another pod's job
        }
        try {
            RetrieveProgress p = RetrieveCodec.decode(value, RetrieveProgress.class);
            if (p.isFinal()) {
                listeners.remove(jobId);
            }
            l.accept(p);
        } catch (IOException e) {
            LOG.warnf("unreadable C-MOVE progress for job %s: %s", jobId, e.getMessage());
        }
    }
}
