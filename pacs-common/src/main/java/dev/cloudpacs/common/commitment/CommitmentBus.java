package dev.cloudpacs.common.commitment;

import dev.cloudpacs.contracts.commitment.CommitmentCodec;
import dev.cloudpacs.contracts.commitment.CommitmentNotice;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.kafka.KafkaClients;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;

/**
 * Kafka plumbing of storage commitment: {@code dicom.commitment.requests} and
 * {@code dicom.commitment.results} (names from configuration), keyed by Transaction UID.
 */
public final class CommitmentBus {
    private CommitmentBus() {
    }

    /** Creates both topics when missing. */
    public static void ensureTopics(PacsConfig config) {
        PacsConfig.Commitment c = config.commitment();
        KafkaClients.ensureTopics(config, c.topicPartitions(), List.of(c.requestsTopic(), c.resultsTopic()));
    }

    /** A record of {@code notice} on {@code topic} as a CloudEvent of {@code type}. */
    public static ProducerRecord<String, byte[]> record(PacsConfig config, String topic, String type,
                                                        CommitmentNotice notice) {
        return KafkaClients.record(topic, config.events().source(), type, notice.transactionUid(),
                CommitmentCodec.encode(notice));
    }
}
