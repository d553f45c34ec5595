package dev.cloudpacs.ingest.client;

import dev.cloudpacs.common.commitment.CommitmentBus;
import dev.cloudpacs.contracts.commitment.CommitmentCodec;
import dev.cloudpacs.contracts.commitment.CommitmentNotice;
import dev.cloudpacs.contracts.commitment.CommitmentRequest;
import dev.cloudpacs.common.commitment.CommitmentTransactions;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.worker.Workers;
import dev.cloudpacs.contracts.events.EventTypes;
import dev.cloudpacs.common.kafka.KafkaClients;
import dev.cloudpacs.ingest.client.TopicTail;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The front door's side of storage commitment: queues a transaction (its {@code commitment_transaction}
 * row, then a notice on {@code dicom.commitment.requests}, acknowledged by Kafka) and hands the notices
 * of {@code dicom.commitment.results} to whoever waits for them. Every front-door pod reads every results
 * partition (no consumer group) and keeps what belongs to the transactions whose association it holds.
 */
@ApplicationScoped
public class CommitmentClient {
    private static final Logger LOG = Logger.getLogger(CommitmentClient.class);

    private final PacsConfig config;
    private final CommitmentTransactions transactions;
    private final Map<String, Consumer<CommitmentNotice>> listeners = new ConcurrentHashMap<>();
    private final Workers workers;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile TopicTail results;

    /** The transaction could not be queued; the message says why (it becomes the Error Comment). */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How a request was queued. */
    public enum Queued {
        /** A new transaction. */
        NEW,
        /** A repeated Transaction UID whose stored result is to be reported again. */
        REPEATED_DONE,
        /** A repeated Transaction UID still under way. */
        REPEATED_RUNNING
    }

    public CommitmentClient(PacsConfig config, CommitmentTransactions transactions, Workers workers) {
        this.config = config;
        this.transactions = transactions;
        this.workers = workers;
    }

    void start(@Observes StartupEvent ev) {
        // In the background: Kafka being down must not keep the front door (C-STORE) from starting.
        results = new TopicTail(config, config.commitment().resultsTopic(), "dimse-ingest-commitment",
                () -> CommitmentBus.ensureTopics(config), this::onResult);
        workers.start(results);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Queues {@code rq}; {@code listener} gets its result notice on the results thread (it must not block).
     * A repeated Transaction UID is not computed again: its first result is reported again.
     *
     * @throws Unavailable when the request cannot be queued durably (database or Kafka unavailable)
     */
    public Queued submit(CommitmentRequest rq, Consumer<CommitmentNotice> listener) throws Unavailable {
        // One deadline for the whole hand-over (the README's 10 s), as for C-MOVE.
        long deadline = System.nanoTime() + TopicTail.REQUEST_WAIT.toNanos();
        TopicTail t = results;
        if (t == null || !t.awaitReady(java.time.Duration.ofNanos(deadline - System.nanoTime()))) {
            throw new Unavailable("storage commitment queue (Kafka) not reachable", null);
        }
        String tx = rq.transactionUid();
        listeners.put(tx, listener);
        try {
            Queued how = Queued.NEW;
            if (!transactions.create(rq)) {
                var row = transactions.load(tx).orElseThrow(() -> new SQLException("transaction row vanished"));
                if (row.result() != null) {
                    transactions.rearm(tx, config.commitment().deliveryDeadline());
                    return Queued.REPEATED_DONE;
                }
                how = Queued.REPEATED_RUNNING; // queued again below: the first notice may never have been sent
            }
            KafkaClients.sendBy(producer(), CommitmentBus.record(config, config.commitment().requestsTopic(),
                    EventTypes.COMMITMENT_REQUESTED, new CommitmentNotice(tx, rq.requesterAe(), 0, 0, 0)), deadline);
            return how;
        } catch (SQLException e) {
            listeners.remove(tx);
            LOG.warnf("index unavailable: %s", e.getMessage());
            throw new Unavailable("index unavailable, try again later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listeners.remove(tx);
            throw new Unavailable("interrupted", e);
        } catch (Exception e) {
            listeners.remove(tx);
            throw new Unavailable("storage commitment queue (Kafka) unavailable", e);
        }
    }

    /** Stops listening for a transaction's result. */
    public void forget(String transactionUid) {
        listeners.remove(transactionUid);
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = KafkaClients.producer(config, "dimse-ingest-commitment");
                }
                p = producer;
            }
        }
        return p;
    }

    /** A result on the results topic: for a transaction of this pod's associations, or another's. */
    private void onResult(String transactionUid, byte[] value) {
        Consumer<CommitmentNotice> l = listeners.remove(transactionUid);
        if (l == null) {
            return; // another pod's association
        }
        try {
            l.accept(CommitmentCodec.decode(value, CommitmentNotice.class));
        } catch (IOException e) {
            LOG.warnf("unreadable storage commitment result for %s: %s", transactionUid, e.getMessage());
        }
    }
}
