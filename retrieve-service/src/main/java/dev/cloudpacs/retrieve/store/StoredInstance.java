package dev.cloudpacs.retrieve.store;

/** One stored object as the index knows it: what a retrieve sends, and where storage keeps it. */
public record StoredInstance(long pk, String studyUid, String seriesUid, String sopClassUid,
                             String sopInstanceUid, String transferSyntaxUid, String storageKey, long size) {
}
