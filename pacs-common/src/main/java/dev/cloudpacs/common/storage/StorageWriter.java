package dev.cloudpacs.common.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** An object being written: stream the bytes, then commit under a key or abort. */
public interface StorageWriter extends AutoCloseable {
    /** The stream to write to; bytes are checksummed (SHA-256) as they pass. */
    OutputStream stream();

    /** The temporary file while writing (filesystem backend), for parsing before commit. */
    Path tempFile();

    long size();

    /** Hex SHA-256 of the bytes written (valid after the last write). */
    String sha256();

    /**
     * Makes the object durable (fsync) and visible under {@code key} atomically, replacing any object
     * there. The writer is finished afterwards.
     */
    void commit(String key) throws IOException;

    /** True when the bytes are written at their final key already (no object existed there). */
    default boolean inPlace() {
        return false;
    }

    /** Discards the object; safe to call after commit (then it does nothing). */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
