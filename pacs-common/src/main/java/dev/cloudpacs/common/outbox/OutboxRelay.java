package dev.cloudpacs.common.outbox;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.kafka.KafkaClients;
import dev.cloudpacs.common.worker.Worker;
import dev.cloudpacs.common.worker.WorkerContext;
import dev.cloudpacs.common.worker.Workers;
import dev.cloudpacs.contracts.events.CloudEvent;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka in id order with an idempotent producer (acks=all), then deletes them
 * in the same transaction. A PostgreSQL advisory lock keeps one relay active across replicas, which
 * keeps events of one study in order. While Kafka is down, batches roll back and are retried after the
 * workers' backoff ({@link Workers}); ingest is never blocked and nothing is lost (delivery is at-least-once).
 */
@ApplicationScoped
public class OutboxRelay implements Worker {
    private static final long RELAY_LOCK = 0x0C10_0D0A_0001L;
    private static final int BATCH = 500;

    private final AgroalDataSource dataSource;
    private final PacsConfig config;
    private final MeterRegistry meters;
    private final boolean enabled;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(AgroalDataSource dataSource, PacsConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        this.meters = meters;
        this.enabled = config.kafka().relayEnabled();
    }

    void registerMeters(@Observes StartupEvent ev) {
        meters.gauge("pacs_outbox_backlog", backlog);
        meters.more().counter("pacs_outbox_published_total", List.of(), published);
    }

    @Override
    public String name() {
        return "outbox-relay";
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** Events waiting to be published (refreshed by the relay loop). */
    public long backlog() {
        return backlog.get();
    }

    /** Publishes batches until stopped; a full batch is followed by the next at once. */
    @Override
    public void run(WorkerContext context) throws Exception {
        try {
            while (!context.stopping()) {
                int n = relayBatch();
                context.healthy();
                if (n < BATCH && !context.pause(config.kafka().relayInterval())) {
                    return;
                }
            }
        } catch (Exception e) {
            // A producer that failed may hold a broken connection or a fenced idempotence state: start afresh.
            closeProducer(java.time.Duration.ZERO);
            throw new Exception("cannot publish (" + e.getMessage() + "); events stay in the outbox", e);
        }
    }

    @Override
    public void close() {
        closeProducer(java.time.Duration.ofSeconds(5));
    }

    private record Row(long id, String topic, String key, UUID eventId, String type, String source, String subject,
                       String payload, OffsetDateTime created) {
    }

    /** Publishes one batch; returns how many events were published. */
    int relayBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return 0;
                }
                List<Row> rows = fetch(c);
                backlog.set(countBacklog(c));
                if (rows.isEmpty()) {
                    c.commit();
                    return 0;
                }
                KafkaProducer<String, byte[]> p = producer();
                List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
                for (Row r : rows) {
                    CloudEvent ce = new CloudEvent(r.eventId(), r.source(), r.type(), r.subject(), r.created(), r.payload());
                    ProducerRecord<String, byte[]> rec = new ProducerRecord<>(r.topic(), r.key(),
                            r.payload().getBytes(StandardCharsets.UTF_8));
                    for (Map.Entry<String, byte[]> h : ce.headers().entrySet()) {
                        rec.headers().add(h.getKey(), h.getValue());
                    }
                    sent.add(p.send(rec));
                }
                p.flush();
                for (Future<RecordMetadata> f : sent) {
                    f.get(30, TimeUnit.SECONDS);
                }
                delete(c, rows);
                c.commit();
                published.addAndGet(rows.size());
                backlog.addAndGet(-rows.size());
                return rows.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<Row> fetch(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, msg_key, event_id, event_type, event_source,"
                + " subject, payload, created_at FROM outbox ORDER BY id LIMIT " + BATCH)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getObject(9, OffsetDateTime.class)));
                }
            }
        }
        return rows;
    }

    private static long countBacklog(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void delete(Connection c, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            Array arr = c.createArrayOf("bigint", ids);
            ps.setArray(1, arr);
            ps.executeUpdate();
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = KafkaClients.producer(config, "cloudpacs-outbox-relay", KafkaClients.Send.BATCHED);
        }
        return producer;
    }

    private synchronized void closeProducer(java.time.Duration wait) {
        if (producer != null) {
            producer.close(wait);
            producer = null;
        }
    }
}
