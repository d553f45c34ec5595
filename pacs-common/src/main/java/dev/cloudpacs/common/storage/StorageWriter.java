package dev.cloudpacs.common.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * An object being written: stream the bytes, then commit under a key or abort. Each writer writes an
 * object of its own; writers of the same key never see, replace half-way or remove each other's
 * bytes, whatever order they finish or fail in.
 */
public interface StorageWriter extends AutoCloseable {
    /** The stream to write to; bytes are checksummed (SHA-256) as they pass. */
    OutputStream stream();

    /** The file being written (filesystem backend), for parsing before commit. */
    Path tempFile();

    long size();

    /** Hex SHA-256 of the bytes written (valid after the last write). */
    String sha256();

    /**
     * Makes the object durable (fsync) and visible under {@code key} atomically, replacing any object
     * there. The writer is finished afterwards.
     *
     * @return true when no object was stored at the key before (the commit created it), false when
     *         it replaced one
     */
    boolean commit(String key) throws IOException;

    /**
     * Takes back an object this writer committed as new (its index rows could not be written), if the
     * key still holds exactly that object: one another writer has put there since stays. Does nothing
     * after a commit that replaced an object (the indexed one is gone; the new bytes are the same
     * instance) or without a commit.
     */
    void retract();

    /** Discards an uncommitted object; does nothing after commit. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
