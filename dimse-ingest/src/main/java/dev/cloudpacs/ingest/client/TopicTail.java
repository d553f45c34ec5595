package dev.cloudpacs.ingest.client;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.kafka.KafkaClients;
import dev.cloudpacs.common.worker.Worker;
import dev.cloudpacs.common.worker.WorkerContext;
import dev.cloudpacs.common.worker.Workers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Follows every partition of a topic from its end, without a consumer group, and hands each record (key,
 * value) to a handler: a {@link Worker} its owner starts with {@link Workers#start}. That is how a front-door
 * pod hears the answers meant for the associations it holds (C-MOVE progress, storage commitment results)
 * whichever pod produced them. While Kafka is unreachable it retries after the workers' backoff, and
 * {@link #ready()} is false.
 */
public final class TopicTail implements Worker {
    private static final Logger LOG = Logger.getLogger(TopicTail.class);
    /**
     * How long a request that needs the answers of a tail waits for it to (re)connect before it is refused:
     * long enough to cover a pod's start and a broker's restart, short enough for a DIMSE peer's timeout.
     */
    public static final Duration REQUEST_WAIT = Duration.ofSeconds(10);

    private final PacsConfig config;
    private final String topic;
    private final String clientId;
    private final Runnable ensureTopics;
    private final BiConsumer<String, byte[]> handler;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final Object readiness = new Object();
    private volatile boolean ready;
    private volatile boolean stopping;

    /**
     * A tail of {@code topic}, named {@code clientId}; {@code ensureTopics} runs before each (re)connection,
     * {@code handler} runs on the tail's thread and must not block.
     */
    public TopicTail(PacsConfig config, String topic, String clientId, Runnable ensureTopics,
                     BiConsumer<String, byte[]> handler) {
        this.config = config;
        this.topic = topic;
        this.clientId = clientId;
        this.ensureTopics = ensureTopics;
        this.handler = handler;
    }

    @Override
    public String name() {
        return clientId;
    }

    /** True while the topic is being read from its end (records produced from now on are seen). */
    public boolean ready() {
        return ready;
    }

    /**
     * Waits up to {@code timeout} for the topic to be read from its end: a pod that has just started, or
     * that is reconnecting, answers a request moments later instead of failing it.
     *
     * @return whether it is ready (false, with the interrupt flag kept, when the waiting thread is interrupted)
     */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readiness) {
            try {
                while (!ready && !stopping) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(readiness, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ready;
        }
    }

    @Override
    public void wake() {
        stopping = true;
        setReady(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void setReady(boolean now) {
        synchronized (readiness) {
            ready = now;
            readiness.notifyAll();
        }
    }

    @Override
    public void run(WorkerContext context) {
        try {
            ensureTopics.run();
            follow(context);
        } finally {
            setReady(false);
        }
    }

    private void follow(WorkerContext context) {
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(config, null, clientId, null, 0, null)) {
            consumer = c;
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("the broker does not know the topic yet");
            }
            c.assign(partitions);
            c.seekToEnd(partitions);
            for (TopicPartition tp : partitions) {
                c.position(tp, Duration.ofSeconds(15)); // resolve "end" now, before anyone relies on ready()
            }
            setReady(true);
            context.healthy();
            LOG.infof("following %s (%d partitions) from its end", topic, partitions.size());
            while (!context.stopping()) {
                for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(200))) {
                    if (rec.key() != null) {
                        deliver(rec);
                    }
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Hands one record over; a handler that fails must not make the tail reconnect and skip records. */
    private void deliver(ConsumerRecord<String, byte[]> rec) {
        try {
            handler.accept(rec.key(), rec.value());
        } catch (RuntimeException e) {
            LOG.errorf(e, "handling %s record %s at %s-%d@%d", topic, rec.key(), topic, rec.partition(), rec.offset());
        }
    }
}
