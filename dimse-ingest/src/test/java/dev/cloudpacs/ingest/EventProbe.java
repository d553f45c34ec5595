package dev.cloudpacs.ingest;

import dev.cloudpacs.testkit.EventContract;
import dev.cloudpacs.localinfra.LocalInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads a topic from the beginning with a fresh consumer group, collecting the records that match, each
 * checked against its event type's JSON Schema.
 */
final class EventProbe {
    private EventProbe() {
    }

    static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                      int expected, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.shared().kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            // Keep reading a little past the expected count so duplicates would be seen too.
            long settle = -1;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        // Every event a test sees must fit the schema the contracts publish for its type.
                        EventContract.assertValid(header(r, "ce_type"), r.value());
                        found.add(r);
                    }
                }
                if (found.size() >= expected && settle < 0) {
                    settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
                if (settle > 0 && System.nanoTime() > settle) {
                    break;
                }
            }
        }
        return found;
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
