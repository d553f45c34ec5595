package dev.cloudpacs.contracts.retrieve;

/**
 * A C-MOVE job as published on {@code dicom.retrieve.requests} (key: job id) and kept in
 * {@code retrieve_job}: everything retrieve-service needs to run it without the front door.
 *
 * @param jobId          UUID naming the job (Kafka key, row key)
 * @param sopClassUid    the C-MOVE SOP class (its information model)
 * @param identifier     the request identifier, base64 of its Explicit VR Little Endian encoding
 * @param relational     whether relational retrieve was negotiated
 * @param destination    Move Destination AE title
 * @param callingAe      the requester (the Move Originator of the sub-operations)
 * @param calledAe       the AE title the requester called (ours)
 * @param messageId      the C-MOVE-RQ Message ID (the Move Originator Message ID)
 * @param priority       the C-MOVE-RQ priority, used for the sub-operations
 */
public record RetrieveRequest(String jobId, String sopClassUid, String identifier, boolean relational,
                              String destination, String callingAe, String calledAe, int messageId, int priority) {
}
