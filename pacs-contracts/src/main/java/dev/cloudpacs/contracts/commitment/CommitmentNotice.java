package dev.cloudpacs.contracts.commitment;

/**
 * The Kafka message of both commitment topics, kept small whatever the number of references: the
 * request and the result themselves are in the {@code commitment_transaction} row.
 *
 * @param eventType 0 on the requests topic; 1 or 2 on the results topic
 */
public record CommitmentNotice(String transactionUid, String requesterAe, int eventType, int committed,
                               int failed) {
}
