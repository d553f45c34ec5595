package dev.cloudpacs.ingest.client;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.worker.Workers;
import dev.cloudpacs.contracts.events.EventTypes;
import dev.cloudpacs.common.kafka.KafkaClients;
import dev.cloudpacs.ingest.client.TopicTail;
import dev.cloudpacs.common.retrieve.RetrieveBus;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.common.retrieve.RetrieveJobs;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The front door's side of C-MOVE jobs: submits a job (its {@code retrieve_job} row, then the request
 * on {@code dicom.retrieve.requests}) and hands the job's progress from {@code dicom.retrieve.progress}
 * to whoever waits for it. Every front-door pod reads every progress partition (no consumer group) from
 * the moment it starts, and keeps what belongs to the jobs it submitted.
 */
@ApplicationScoped
public class RetrieveJobClient {
    private static final Logger LOG = Logger.getLogger(RetrieveJobClient.class);

    private final PacsConfig config;
    private final RetrieveJobs jobs;
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

    public RetrieveJobClient(PacsConfig config, RetrieveJobs jobs, Workers workers) {
        this.config = config;
        this.jobs = jobs;
        this.workers = workers;
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
     * Submits a job; {@code listener} gets its progress, the final message last, on the progress thread
     * (it must not block).
     *
     * @throws Unavailable when the job cannot be queued (database or Kafka unavailable)
     */
    public void submit(RetrieveRequest rq, Consumer<RetrieveProgress> listener) throws Unavailable {
        // One deadline for the whole hand-over (the README's 10 s): the tail's reconnect, then the send,
        // whose metadata wait (max.block) fails fast and is tried again while time is left.
        long deadline = System.nanoTime() + TopicTail.REQUEST_WAIT.toNanos();
        TopicTail t = progress;
        if (t == null || !t.awaitReady(Duration.ofNanos(deadline - System.nanoTime()))) {
            throw new Unavailable("retrieve job queue (Kafka) not reachable", null);
        }
        listeners.put(rq.jobId(), listener);
        try {
            jobs.create(rq);
            KafkaClients.sendBy(producer(), RetrieveBus.record(config.retrieve().requestsTopic(),
                    config.events().source(), EventTypes.RETRIEVE_REQUESTED, rq.jobId(), rq), deadline);
        } catch (java.sql.SQLException e) {
            listeners.remove(rq.jobId());
            LOG.warnf("index unavailable: %s", e.getMessage());
            throw new Unavailable("index unavailable, try again later", e);
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
