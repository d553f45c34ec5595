package dev.cloudpacs.common.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Where DICOM objects live. A write goes to an object of its own first and becomes visible under its
 * key only on {@link StorageWriter#commit}, so readers never see a partial object and writers of the
 * same key never destroy each other's.
 */
public interface ObjectStorage {
    /** Starts writing a new object; nothing is visible until it is committed. */
    StorageWriter begin() throws IOException;

    InputStream open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    void delete(String key) throws IOException;

    /** A local file for the key when the backend is a filesystem (readers parse it in place), else null. */
    Path localPath(String key);

    /** True when the backend can take writes (for readiness). */
    boolean writable();

    /**
     * An object as listed: its key, size, last change and an identity that changes whenever another
     * object is put at the key (the filesystem's inode), so a check made on the listing can be
     * confirmed before acting on it.
     */
    record Listed(String key, long size, Instant modified, Object identity) {
    }

    /**
     * The objects under one of the {@link #partitions()} (keys are spread over them by hash), in no
     * particular order. Unknown names in the partition are skipped.
     */
    List<Listed> list(String partition) throws IOException;

    /** The partitions {@link #list} walks, for a full pass over the storage in bounded steps. */
    List<String> partitions() throws IOException;

    /**
     * Removes {@code object} if the key still holds that very object and {@code stillUnwanted} (asked
     * once the object is out of readers' and writers' way) still says so; otherwise leaves the key as
     * it is. An object another writer puts at the key meanwhile is never removed.
     *
     * @return true when the object was removed
     */
    boolean removeIfUnchanged(Listed object, BooleanSupplier stillUnwanted) throws IOException;

    /** Removes work files of writes untouched since {@code before} (writers that died without cleaning up). */
    void removeStaleWork(Instant before) throws IOException;
}
