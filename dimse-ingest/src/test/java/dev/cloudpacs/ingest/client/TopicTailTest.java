package dev.cloudpacs.ingest.client;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.kafka.KafkaClients;
import dev.cloudpacs.common.worker.Backoff;
import dev.cloudpacs.common.worker.WorkerThread;
import dev.cloudpacs.localinfra.LocalInfra;
import dev.cloudpacs.localinfra.Ports;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TopicTail} against the real local Kafka broker: what a front door that has just started, or whose
 * broker restarts, relies on to answer C-MOVE and storage commitment requests instead of refusing them.
 */
class TopicTailTest {
    private static PacsConfig config(String bootstrapServers) {
        SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(PacsConfig.class)
                .withDefaultValues(Map.of("pacs.kafka.bootstrap-servers", bootstrapServers)).build();
        return c.getConfigMapping(PacsConfig.class);
    }

    private TopicTail tail(PacsConfig config, String topic, BlockingQueue<String> seen) {
        return started(new TopicTail(config, topic, "tail-test", () -> KafkaClients.ensureTopics(config, 2,
                List.of(topic)), (key, value) -> seen.add(key + "=" + new String(value, StandardCharsets.UTF_8))));
    }

    private final Map<TopicTail, WorkerThread> threads = new java.util.HashMap<>();

    /** Runs the tail as the service's Workers would, with their default backoff. */
    private TopicTail started(TopicTail tail) {
        WorkerThread t = new WorkerThread(tail, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5)));
        threads.put(tail, t);
        t.start();
        return tail;
    }

    private void stop(TopicTail tail) {
        // Bounded by the admin client's 15 s timeout when stopped while creating topics of an absent broker.
        assertTrue(threads.get(tail).stop(Duration.ofSeconds(30)), "the tail stops");
    }

    @Test
    void recordsProducedOnceReadyReachTheHandler() throws Exception {
        PacsConfig config = config(LocalInfra.shared().kafkaBootstrapServers());
        String topic = "tail-" + UUID.randomUUID();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        TopicTail tail = tail(config, topic, seen);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(config, "tail-test-producer")) {
            assertTrue(tail.awaitReady(Duration.ofSeconds(60)), "the tail reads " + topic);
            for (int i = 0; i < 4; i++) { // keys spread over both partitions
                producer.send(new ProducerRecord<>(topic, "job" + i, ("p" + i).getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 4; i++) {
                String got = seen.poll(30, TimeUnit.SECONDS);
                assertTrue(got != null && got.matches("job\\d=p\\d"), "record " + i + ": " + got);
            }
        } finally {
            stop(tail);
        }
    }

    @Test
    void aHandlerThatFailsDoesNotCostTheRecordsAfterIt() throws Exception {
        PacsConfig config = config(LocalInfra.shared().kafkaBootstrapServers());
        String topic = "tail-" + UUID.randomUUID();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        TopicTail tail = started(new TopicTail(config, topic, "tail-test", () -> KafkaClients.ensureTopics(config, 1,
                List.of(topic)), (key, value) -> {
                    if (key.equals("bad")) {
                        throw new IllegalArgumentException("unreadable");
                    }
                    seen.add(key);
                }));
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(config, "tail-test-producer")) {
            assertTrue(tail.awaitReady(Duration.ofSeconds(60)), "the tail reads " + topic);
            for (String key : List.of("bad", "good")) {
                producer.send(new ProducerRecord<>(topic, key, new byte[0])).get(30, TimeUnit.SECONDS);
            }
            assertEquals("good", seen.poll(30, TimeUnit.SECONDS));
            assertTrue(tail.ready());
        } finally {
            stop(tail);
        }
    }

    @Test
    void aRequestWaitsForATailWhoseBrokerIsRestarting() throws Exception {
        LocalInfra infra = LocalInfra.shared();
        PacsConfig config = config(infra.kafkaBootstrapServers());
        String topic = "tail-" + UUID.randomUUID();
        infra.stopKafka();
        TopicTail tail = tail(config, topic, new LinkedBlockingQueue<>());
        try {
            CompletableFuture<Boolean> waiting;
            try {
                assertFalse(tail.awaitReady(Duration.ofMillis(500)), "not ready while the broker is down");
                // A request arriving while the broker is down is answered once it is back, not refused.
                waiting = CompletableFuture.supplyAsync(() -> tail.awaitReady(Duration.ofSeconds(90)));
                Thread.sleep(1_000);
                assertFalse(waiting.isDone(), "still waiting for the broker");
            } finally {
                infra.startKafka();
            }
            assertTrue(waiting.get(120, TimeUnit.SECONDS), "ready once the broker is back");
            assertTrue(tail.ready());
        } finally {
            stop(tail);
        }
    }

    @Test
    void stopEndsAWaitAtOnce() throws Exception {
        // Nothing listens on this port: the tail keeps retrying and is never ready.
        PacsConfig config = config("127.0.0.1:" + Ports.freePort());
        TopicTail tail = tail(config, "never", new LinkedBlockingQueue<>());
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> tail.awaitReady(Duration.ofMinutes(10)));
        Thread.sleep(500);
        assertFalse(waiting.isDone(), "waits while the broker cannot be reached");
        stop(tail);
        assertEquals(false, waiting.get(30, TimeUnit.SECONDS), "a stopped tail is not ready");
    }
}
