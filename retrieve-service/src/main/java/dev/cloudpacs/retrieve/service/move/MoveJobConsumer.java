package dev.cloudpacs.retrieve.service.move;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.retrieve.RetrieveBus;
import dev.cloudpacs.common.worker.Worker;
import dev.cloudpacs.common.worker.WorkerContext;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import jakarta.enterprise.context.ApplicationScoped;
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
public class MoveJobConsumer implements Worker {
    private static final Logger LOG = Logger.getLogger(MoveJobConsumer.class);

    private final PacsConfig config;
    private final MoveJob job;
    private final ProgressPublisher progress;
    /** Jobs running, by partition; a revoked partition's job is asked to stop. */
    private final Map<TopicPartition, Running> running = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Running> ended = new ConcurrentLinkedQueue<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile WorkerContext context;

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

    public MoveJobConsumer(PacsConfig config, MoveJob job, ProgressPublisher progress) {
        this.config = config;
        this.job = job;
        this.progress = progress;
    }

    @Override
    public String name() {
        return "move-jobs";
    }

    @Override
    public void run(WorkerContext context) {
        this.context = context;
        RetrieveBus.ensureTopics(config);
        consume(context);
    }

    /** Stopping: the jobs keep their checkpoints and end; the poll returns at once. */
    @Override
    public void wake() {
        running.values().forEach(r -> r.revoked = true);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void consume(WorkerContext context) {
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
            while (!context.stopping()) {
                Set<TopicPartition> taken = new HashSet<>();
                var records = c.poll(Duration.ofMillis(100));
                context.healthy();
                for (ConsumerRecord<String, byte[]> rec : records) {
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
                MoveJob.Outcome o = job.run(rq, () -> r.revoked || context.stopping(), progress);
                r.finished = o == MoveJob.Outcome.FINISHED;
            } catch (java.io.IOException e) {
                LOG.warnf("C-MOVE job record at %s@%d is not a job: %s; skipped", tp, rec.offset(), e.getMessage());
                r.finished = true;
            } catch (Exception e) {
                LOG.warnf("C-MOVE job %s interrupted: %s; it resumes from its checkpoint", rec.key(), e.getMessage());
                context.pause(Duration.ofSeconds(1));
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
}
