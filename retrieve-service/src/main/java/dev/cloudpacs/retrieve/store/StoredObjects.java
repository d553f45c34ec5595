package dev.cloudpacs.retrieve.store;

import dev.cloudpacs.common.retrieve.StoredInstance;
import dev.cloudpacs.common.storage.ObjectStorage;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads stored instances back: the whole Part 10 file (WADO), or only its data set (DIMSE sends the data
 * set; the file meta information stays behind).
 */
@ApplicationScoped
public class StoredObjects {
    /** Stops reading right after the file meta information: only the data set offset is wanted. */
    private static final ReadOptions META_ONLY = ReadOptions.DEFAULT.withStopBeforeTag(0x00080000);

    /** A stored object opened for reading, positioned where the caller asked. */
    public record Opened(InputStream in, long length) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private final ObjectStorage storage;

    public StoredObjects(ObjectStorage storage) {
        this.storage = storage;
    }

    /** The Part 10 file as stored. */
    public Opened openFile(StoredInstance i) throws IOException {
        Path p = storage.localPath(i.storageKey());
        if (p != null) {
            return new Opened(Files.newInputStream(p), Files.size(p));
        }
        return new Opened(storage.open(i.storageKey()), i.size());
    }

    /** Where the data set starts in the stored file (after the preamble and the file meta information). */
    public long dataSetOffset(StoredInstance i) throws IOException {
        Path p = storage.localPath(i.storageKey());
        if (p == null) {
            throw new IOException("storage backend has no local files");
        }
        try {
            return DicomReader.read(p, META_ONLY).dataSetOffset();
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new IOException("stored object " + i.storageKey() + " is missing", e);
        }
    }

    /** The data set alone, as it is sent in a C-STORE (the stored transfer syntax). */
    public Opened openDataSet(StoredInstance i) throws IOException {
        long offset = dataSetOffset(i);
        Opened f = openFile(i);
        try {
            f.in().skipNBytes(offset);
        } catch (IOException e) {
            f.close();
            throw e;
        }
        return new Opened(f.in(), f.length() - offset);
    }

    /** The local file of an instance when the backend is a filesystem, else null. */
    public Path localPath(StoredInstance i) {
        return storage.localPath(i.storageKey());
    }
}
