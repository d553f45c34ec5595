package dev.cloudpacs.retrieve.store;

import dev.cloudpacs.retrieve.store.StoredInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A stored instance as a file on this machine, for the readers that parse in place (transcoding,
 * frames, metadata: large values stay in the file by reference). A filesystem backend gives its own
 * file; any other backend is spooled to a temporary file, deleted on close.
 */
public final class LocalFile implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    private LocalFile(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /**
     * The instance's file.
     *
     * @throws IOException when storage no longer holds the object
     */
    public static LocalFile of(StoredObjects objects, StoredInstance i) throws IOException {
        Path p = objects.localPath(i);
        if (p != null) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("stored object " + i.storageKey() + " is missing");
            }
            return new LocalFile(p, false);
        }
        Path tmp = Files.createTempFile("wado-", ".dcm");
        try (StoredObjects.Opened o = objects.openFile(i); InputStream in = o.in()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new LocalFile(tmp, true);
    }

    /** False when the filesystem backend has lost the object (other backends are asked when it is opened). */
    public static boolean present(StoredObjects objects, StoredInstance i) {
        Path p = objects.localPath(i);
        return p == null || Files.isRegularFile(p);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(path);
        }
    }
}
