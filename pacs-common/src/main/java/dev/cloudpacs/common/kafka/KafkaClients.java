package dev.cloudpacs.common.kafka;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.events.CloudEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Kafka clients for the request/answer topics of the services (C-MOVE jobs, storage commitment):
 * topic creation, an idempotent low-latency producer, consumers with or without a group, and records
 * carrying a JSON payload as a CloudEvent in binary mode.
 */
public final class KafkaClients {
    private KafkaClients() {
    }

    /**
     * Sends {@code record} and waits for the broker's acknowledgement until {@code deadlineNanos}
     * ({@link System#nanoTime()}). A send that failed for lack of metadata within {@code max.block.ms}
     * was never appended, so it is tried again while time is left: a request waits the whole deadline
     * for a broker that is coming back, whichever way the producer notices it is gone.
     */
    public static <K, V> void sendBy(KafkaProducer<K, V> producer, ProducerRecord<K, V> record, long deadlineNanos)
            throws Exception {
        while (true) {
            try {
                producer.send(record).get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException e) {
                boolean neverAppended = e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                        && System.nanoTime() < deadlineNanos - 250_000_000L;
                if (!neverAppended) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** Creates the topics when the cluster has not got them yet (Strimzi KafkaTopics do it in k8s). */
    public static void ensureTopics(PacsConfig config, int partitions, List<String> topics) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(p)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1)))
                            .all().get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic " + topic + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Kafka did not answer creating topic " + topic, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted creating topic " + topic, e);
                }
            }
        }
    }

    /** How a producer trades latency for batching. */
    public enum Send {
        /** Each record at once (linger 0): a requester is waiting for it. */
        IMMEDIATE(0, Duration.ofSeconds(10)),
        /** Records of a batch that is flushed together (linger 2 ms): the outbox relay. */
        BATCHED(2, Duration.ofSeconds(15));

        final int lingerMs;
        final Duration deliveryTimeout;

        Send(int lingerMs, Duration deliveryTimeout) {
            this.lingerMs = lingerMs;
            this.deliveryTimeout = deliveryTimeout;
        }
    }

    /** An idempotent producer (acks=all) that sends without delay: a requester is waiting. */
    public static KafkaProducer<String, byte[]> producer(PacsConfig config, String clientId) {
        return producer(config, clientId, Send.IMMEDIATE);
    }

    /**
     * The one producer configuration of the services: idempotent (acks=all, at most 5 requests in flight,
     * so retries keep order), failing within seconds when the broker is gone instead of blocking a caller.
     */
    public static KafkaProducer<String, byte[]> producer(PacsConfig config, String clientId, Send send) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, send.lingerMs);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) send.deliveryTimeout.toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A consumer; with a group id it commits manually and starts at the earliest uncommitted record,
     * without one it is assigned partitions by the caller and starts at the end.
     *
     * @param sessionTimeout how soon a dead member's partitions move to another (group consumers only)
     * @param maxPollInterval longest time between polls before the member is considered stuck
     */
    public static KafkaConsumer<String, byte[]> consumer(PacsConfig config, String groupId, String clientId,
                                                         Duration sessionTimeout, int maxPollRecords,
                                                         Duration maxPollInterval) {
        return consumer(config, groupId, clientId, sessionTimeout, maxPollRecords, maxPollInterval, IDLE_FETCH_WAIT);
    }

    /**
     * How long the broker holds a fetch that finds nothing. It answers as soon as one record arrives
     * (fetch.min.bytes 1), so this costs no latency; it only sets how often an idle consumer asks. At 100 ms
     * the four consumers of an idle archive kept the broker and the services at ~7% of a 2-core machine.
     */
    public static final Duration IDLE_FETCH_WAIT = Duration.ofMillis(500);

    /**
     * As {@link #consumer(PacsConfig, String, String, Duration, int, Duration)}, with the broker's
     * {@code fetchMaxWait} for empty fetches. A consumer that pauses and resumes partitions wants a short
     * one: a resumed partition is only fetched from with the next fetch.
     */
    public static KafkaConsumer<String, byte[]> consumer(PacsConfig config, String groupId, String clientId,
                                                         Duration sessionTimeout, int maxPollRecords,
                                                         Duration maxPollInterval, Duration fetchMaxWait) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, groupId == null ? "latest" : "earliest");
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            int session = (int) sessionTimeout.toMillis();
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 4));
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
            if (maxPollInterval != null) {
                p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval.toMillis());
            }
        }
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis());
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A record carrying {@code payload} (JSON) as a CloudEvent of {@code type} about {@code key}. */
    public static ProducerRecord<String, byte[]> record(String topic, String source, String type, String key,
                                                        byte[] payload) {
        ProducerRecord<String, byte[]> rec = new ProducerRecord<>(topic, key, payload);
        CloudEvent ce = new CloudEvent(UUID.randomUUID(), source, type, key, OffsetDateTime.now(), null);
        for (Map.Entry<String, byte[]> h : ce.headers().entrySet()) {
            rec.headers().add(h.getKey(), h.getValue());
        }
        return rec;
    }
}
