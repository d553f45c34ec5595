package dev.cloudpacs.commitment.store;

/** What the index says about a stored instance: its SOP class and where and how it is stored. */
public record IndexedObject(String sopInstanceUid, String sopClassUid, String storageKey, long sizeBytes,
                            String checksumSha256) {
}
