package dev.cloudpacs.contracts.commitment;

/** A referenced SOP instance of a storage commitment request: SOP Class UID and SOP Instance UID. */
public record Reference(String sopClassUid, String sopInstanceUid) {
}
