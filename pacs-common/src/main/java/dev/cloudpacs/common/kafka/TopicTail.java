package dev.cloudpacs.common.kafka;

import dev.cloudpacs.common.config.PacsConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Follows every partition of a topic from its end, without a consumer group, on a daemon thread, and
 * hands each record (key, value) to a handler. That is how a front-door pod hears the answers meant for
 * the associations it holds (C-MOVE progress, storage commitment results) whichever pod produced them.
 * While Kafka is unreachable it retries, and {@link #ready()} is false.
 */
public final class TopicTail {
    private static final Logger LOG = Logger.getLogger(TopicTail.class);

    private final PacsConfig config;
    private final String topic;
    private final String clientId;
    private final Runnable ensureTopics;
    private final BiConsumer<String, byte[]> handler;
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean ready;
    private volatile boolean stopping;

    /**
     * Starts following {@code topic}; {@code ensureTopics} runs before each (re)connection, {@code handler}
     * runs on the tail's thread and must not block.
     */
    public TopicTail(PacsConfig config, String topic, String clientId, Runnable ensureTopics,
                     BiConsumer<String, byte[]> handler) {
        this.config = config;
        this.topic = topic;
        this.clientId = clientId;
        this.ensureTopics = ensureTopics;
        this.handler = handler;
        this.thread = new Thread(this::loop, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    /** True while the topic is being read from its end (records produced from now on are seen). */
    public boolean ready() {
        return ready;
    }

    public void stop() {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                ensureTopics.run();
                follow();
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                ready = false;
                LOG.warnf("reading %s: %s; retrying in 5 s", topic, e.getMessage());
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(config, null, clientId, null, 0, null)) {
            consumer = c;
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToEnd(partitions);
            partitions.forEach(c::position); // resolve "end" now, before anyone relies on ready()
            ready = true;
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(200))) {
                    if (rec.key() != null) {
                        handler.accept(rec.key(), rec.value());
                    }
                }
            }
        } finally {
            consumer = null;
            ready = false;
        }
    }
}
