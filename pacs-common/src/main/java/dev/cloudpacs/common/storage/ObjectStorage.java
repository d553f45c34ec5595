package dev.cloudpacs.common.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where DICOM objects live. A write goes to a temporary object first and becomes visible under its key
 * only on {@link StorageWriter#commit}, so readers never see a partial object.
 */
public interface ObjectStorage {
    /** Starts writing a new object; nothing is visible until it is committed. */
    StorageWriter begin() throws IOException;

    /**
     * Starts writing the object that will be committed under {@code key}. When nothing is stored there
     * yet, the backend may write in place (saving a rename and a directory sync); when an object
     * exists, it writes aside so the old one stays whole until the commit replaces it. A partial object
     * in place is never indexed, and is overwritten by the next attempt.
     */
    default StorageWriter begin(String key) throws IOException {
        return begin();
    }

    InputStream open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    void delete(String key) throws IOException;

    /** A local file for the key when the backend is a filesystem (readers parse it in place), else null. */
    Path localPath(String key);

    /** True when the backend can take writes (for readiness). */
    boolean writable();
}
