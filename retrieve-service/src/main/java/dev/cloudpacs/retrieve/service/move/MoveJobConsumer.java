package dev.cloudpacs.retrieve.service.move;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.retrieve.RetrieveBus;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Takes C-MOVE jobs from {@code dicom.retrieve.requests} as a member of the retrieve-service consumer
 * group. Each job runs on its own virtual thread while its partition is paused; its offset is
 * committed only once the job's final status is published, so a pod that dies mid-job leaves the job
 * to whichever pod takes the partition over, which resumes it from its checkpoint. Jobs of different
 * partitions run in parallel.
 */
@ApplicationScoped
public class MoveJobConsumer {
    private static final Logger LOG = Logger.getLogger(MoveJobConsumer.class);

    private final PacsConfig config;
    private final MoveJob job;
    /** Jobs running, by partition; a revoked partition's job is asked to stop. */
    private final Map<TopicPartition, Running> running = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Running> ended = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    private static final class Running {
        final TopicPartition partition;
        final long offset;
        volatile boolean revoked;
        volatile boolean finished;
        Thread thread;

        Running(TopicPartition partition, long offset) {
            this.partition = partition;
            this.offset = offset;
        }
    }

    public MoveJobConsumer(PacsConfig config, MoveJob job) {
        this.config = config;
        this.job = job;
    }

    void start(@Observes StartupEvent ev) {
        thread = new Thread(this::loop, "move-job-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        stopping = true;
        running.values().forEach(r -> r.revoked = true);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(15_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                RetrieveBus.ensureTopics(config);
                consume();
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warnf("C-MOVE job consumer: %s; retrying in 2 s", rootMessage(e));
                sleep(2_000);
            }
        }
    }

    private void consume() {
        String topic = config.retrieve().requestsTopic();
        try (KafkaConsumer<String, byte[]> c = RetrieveBus.consumer(config, config.retrieve().consumerGroup(),
                "retrieve-service-jobs")) {
            consumer = c;
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    letGo(c, partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    LOG.debugf("C-MOVE job partitions assigned: %s", partitions);
                }
            });
            while (!stopping) {
                Set<TopicPartition> taken = new HashSet<>();
                for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
                    if (!taken.add(tp)) {
                        continue; // one job per partition at a time: the rest is fetched again after it
                    }
                    c.pause(List.of(tp));
                    c.seek(tp, rec.offset() + 1);
                    startJob(tp, rec);
                }
                commitEnded(c);
            }
            letGo(c, c.assignment());
        } finally {
            consumer = null;
        }
    }

    private void startJob(TopicPartition tp, ConsumerRecord<String, byte[]> rec) {
        Running r = new Running(tp, rec.offset());
        running.put(tp, r);
        // A platform thread: a job writes a stream of PDUs to a socket, where a virtual thread would park and
        // be woken through the poller for every PDU the peer has not drained yet. Jobs are few (one per
        // partition at most).
        r.thread = Thread.ofPlatform().daemon().name("move-job-" + rec.key()).start(() -> {
            try {
                RetrieveRequest rq = RetrieveCodec.decode(rec.value(), RetrieveRequest.class);
                MoveJob.Outcome o = job.run(rq, () -> r.revoked || stopping);
                r.finished = o == MoveJob.Outcome.FINISHED;
            } catch (java.io.IOException e) {
                LOG.warnf("C-MOVE job record at %s@%d is not a job: %s; skipped", tp, rec.offset(), e.getMessage());
                r.finished = true;
            } catch (Exception e) {
                LOG.warnf("C-MOVE job %s interrupted: %s; it resumes from its checkpoint", rec.key(), e.getMessage());
                sleep(1_000);
            } finally {
                ended.add(r);
            }
        });
    }

    /** Commits finished jobs and resumes their partitions; a job that failed is taken up again. */
    private void commitEnded(KafkaConsumer<String, byte[]> c) {
        Running r;
        while ((r = ended.poll()) != null) {
            if (running.remove(r.partition, r) && c.assignment().contains(r.partition)) {
                if (r.finished) {
                    c.commitSync(Map.of(r.partition, new OffsetAndMetadata(r.offset + 1)));
                } else {
                    c.seek(r.partition, r.offset);
                }
                c.resume(List.of(r.partition));
            }
        }
    }

    /** Stops the jobs of partitions this pod loses; their checkpoints let the next owner resume. */
    private void letGo(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Running r = running.get(tp);
            if (r == null) {
                continue;
            }
            r.revoked = true;
            try {
                r.thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.remove(tp);
            if (r.finished) {
                try {
                    c.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset + 1)));
                } catch (RuntimeException e) {
                    LOG.debugf("commit on revoke failed: %s", e.getMessage());
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + c;
    }
}
