package dev.cloudpacs.commitment.service;

import dev.cloudpacs.common.commitment.CommitmentBus;
import dev.cloudpacs.contracts.commitment.CommitmentCodec;
import dev.cloudpacs.contracts.commitment.CommitmentNotice;
import dev.cloudpacs.contracts.commitment.CommitmentResult;
import dev.cloudpacs.common.commitment.CommitmentTransactions;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.events.EventTypes;
import dev.cloudpacs.common.kafka.KafkaClients;
import dev.cloudpacs.common.worker.Worker;
import dev.cloudpacs.common.worker.WorkerContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes storage commitment requests from {@code dicom.commitment.requests} as a member of the
 * commitment-service consumer group. The records of a poll are checked in parallel (virtual threads);
 * offsets are committed once all their results are stored, so a pod that dies leaves its requests to the
 * next owner of the partition. A request whose transaction has a result already is not checked again:
 * the first answer stands.
 */
@ApplicationScoped
public class CommitmentRequestConsumer implements Worker {
    private static final Logger LOG = Logger.getLogger(CommitmentRequestConsumer.class);
    /** A poll with a request that could not be checked (index unavailable) is taken again after this. */
    private static final Duration RETAKE_AFTER = Duration.ofSeconds(2);

    private final PacsConfig config;
    private final CommitmentTransactions transactions;
    private final CommitmentCheck check;
    private final Counter computed;
    private final Timer checkTime;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean running;

    public CommitmentRequestConsumer(PacsConfig config, CommitmentTransactions transactions, CommitmentCheck check,
                                     MeterRegistry meters) {
        this.config = config;
        this.transactions = transactions;
        this.check = check;
        this.computed = meters.counter("pacs_commitment_transactions_total");
        this.checkTime = meters.timer("pacs_commitment_check_duration");
    }

    @Override
    public String name() {
        return "commitment-requests";
    }

    /** True while this pod is a member of the consumer group (for readiness). */
    public boolean running() {
        return running;
    }

    @Override
    public void run(WorkerContext context) {
        CommitmentBus.ensureTopics(config);
        if (producer == null) {
            producer = KafkaClients.producer(config, "commitment-service-results");
        }
        try {
            consume(context);
        } finally {
            running = false;
        }
    }

    @Override
    public void wake() {
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void consume(WorkerContext context) {
        PacsConfig.Commitment cc = config.commitment();
        Duration maxPoll = cc.inFlightWindow().plus(Duration.ofMinutes(5));
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(config, cc.consumerGroup(),
                "commitment-service", cc.sessionTimeout(), 32, maxPoll)) {
            consumer = c;
            c.subscribe(List.of(cc.requestsTopic()));
            while (!context.stopping()) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                running = true;
                context.healthy();
                if (records.isEmpty()) {
                    continue;
                }
                List<Thread> work = new ArrayList<>();
                java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
                for (ConsumerRecord<String, byte[]> rec : records) {
                    work.add(Thread.ofVirtual().name("commitment-" + rec.key()).start(() -> {
                        if (!process(rec)) {
                            failed.set(true);
                        }
                    }));
                }
                for (Thread t : work) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (failed.get()) {
                    // Taken again from the first record of the poll; finished transactions are skipped.
                    for (var tp : records.partitions()) {
                        c.seek(tp, records.records(tp).get(0).offset());
                    }
                    context.pause(RETAKE_AFTER);
                } else {
                    c.commitSync();
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Checks one request; false when it must be taken again (index unavailable). */
    private boolean process(ConsumerRecord<String, byte[]> rec) {
        String tx = rec.key();
        try {
            CommitmentNotice notice = CommitmentCodec.decode(rec.value(), CommitmentNotice.class);
            tx = notice.transactionUid();
            var row = transactions.load(tx);
            if (row.isEmpty()) {
                LOG.warnf("storage commitment request %s has no transaction row; skipped", tx);
                return true;
            }
            if (row.get().result() != null) {
                return true; // a redelivered request: the first result stands
            }
            long start = System.nanoTime();
            CommitmentResult result = check.check(row.get().request());
            checkTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (!transactions.storeResult(result, config.commitment().deliveryDeadline())) {
                return true;
            }
            computed.increment();
            LOG.infof("storage commitment %s from %s: %d committed, %d failed (%d ms)", tx,
                    row.get().requesterAe(), result.committed().size(), result.failed().size(),
                    (System.nanoTime() - start) / 1_000_000);
            publish(new CommitmentNotice(tx, row.get().requesterAe(), result.eventType(), result.committed().size(),
                    result.failed().size()));
            return true;
        } catch (java.io.IOException e) {
            LOG.warnf("storage commitment request record %s@%d unreadable: %s; skipped", rec.topic(), rec.offset(),
                    e.getMessage());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.errorf("storage commitment %s could not be checked: %s; taken again", tx, e.getMessage());
            return false;
        }
    }

    /** Tells the front doors; a lost notice only delays the report (they also look at the row). */
    private void publish(CommitmentNotice notice) {
        try {
            producer.send(CommitmentBus.record(config, config.commitment().resultsTopic(),
                    EventTypes.COMMITMENT_RESULT, notice)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("storage commitment %s: result notice not published (%s); the front door finds it in"
                    + " the index", notice.transactionUid(), e.getMessage());
        }
    }
}
