package dev.cloudpacs.contracts.commitment;

/**
 * A reference that could not be committed, with its Failure Reason (0008,1197): 0110 processing
 * failure, 0112 no such object instance, 0119 class/instance conflict (PS3.4 J.3.3.1.1).
 */
public record FailedReference(String sopClassUid, String sopInstanceUid, int failureReason) {
}
