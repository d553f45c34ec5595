package dev.cloudpacs.common.retrieve;

import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.List;

/**
 * Kafka plumbing of the C-MOVE jobs: the two topics ({@code dicom.retrieve.requests} and
 * {@code dicom.retrieve.progress}, names from configuration), created when missing, and clients for
 * them. Messages are CloudEvents in binary mode keyed by job id, so a job's messages stay in order.
 */
public final class RetrieveBus {
    private RetrieveBus() {
    }

    /** Creates the topics when the cluster has not got them yet (Strimzi KafkaTopics do it in k8s). */
    public static void ensureTopics(PacsConfig config) {
        PacsConfig.Retrieve r = config.retrieve();
        KafkaClients.ensureTopics(config, r.topicPartitions(), List.of(r.requestsTopic(), r.progressTopic()));
    }

    /** An idempotent producer (acks=all) that sends without delay: a requester is waiting. */
    public static KafkaProducer<String, byte[]> producer(PacsConfig config, String clientId) {
        return KafkaClients.producer(config, clientId);
    }

    /**
     * A consumer; with a group id it commits manually, without one it is assigned partitions by the caller.
     * Empty fetches wait 100 ms at the broker: the job consumer pauses a partition while its job runs, and
     * the next job of a resumed partition waits for the next fetch.
     */
    public static KafkaConsumer<String, byte[]> consumer(PacsConfig config, String groupId, String clientId) {
        return KafkaClients.consumer(config, groupId, clientId, config.retrieve().sessionTimeout(), 16, null,
                Duration.ofMillis(100));
    }

    /** A record carrying {@code message} as a CloudEvent of {@code type} about {@code jobId}. */
    public static ProducerRecord<String, byte[]> record(String topic, String source, String type, String jobId,
                                                        Object message) {
        return KafkaClients.record(topic, source, type, jobId, RetrieveCodec.encode(message));
    }
}
