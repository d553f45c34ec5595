package dev.cloudpacs.retrieve.store;

import dev.cloudpacs.retrieve.store.StoredInstance;
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

    /** A stored object opened for reading at {@code offset} of its file, {@code length} bytes from there. */
    public record Opened(InputStream in, long offset, long length) implements AutoCloseable {
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
            return new Opened(Files.newInputStream(p), 0, Files.size(p));
        }
        return new Opened(storage.open(i.storageKey()), 0, i.size());
    }

    /** Where the data set starts in the stored file (after the preamble and the file meta information). */
    public long dataSetOffset(StoredInstance i) throws IOException {
        Path p = storage.localPath(i.storageKey());
        if (p == null) {
            throw new IOException("storage backend has no local files");
        }
        try (InputStream in = Files.newInputStream(p)) {
            long offset = metaEnd(in.readNBytes(HEAD));
            return offset > 0 ? offset : DicomReader.read(p, META_ONLY).dataSetOffset();
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new IOException("stored object " + i.storageKey() + " is missing", e);
        }
    }

    /** The data set alone, as it is sent in a C-STORE (the stored transfer syntax). */
    public Opened openDataSet(StoredInstance i) throws IOException {
        Opened f = openFile(i);
        try {
            byte[] head = f.in().readNBytes(HEAD);
            long offset = metaEnd(head);
            if (offset <= 0) {
                f.close();
                offset = dataSetOffset(i);
                f = openFile(i);
                f.in().skipNBytes(offset);
            } else {
                f.in().skipNBytes(offset - head.length);
            }
            return new Opened(f.in(), offset, f.length() - offset);
        } catch (IOException e) {
            f.close();
            throw e;
        }
    }

    /** Preamble, "DICM" and the File Meta Information Group Length element (PS3.10 7.1). */
    private static final int HEAD = 128 + 4 + 12;

    /**
     * Where the meta group ends, from its group length (0002,0000) UL, which the archive always writes
     * first; 0 when the head does not look like that (the full parser then decides).
     */
    static long metaEnd(byte[] h) {
        if (h.length < HEAD || h[128] != 'D' || h[129] != 'I' || h[130] != 'C' || h[131] != 'M'
                || h[132] != 0x02 || h[133] != 0 || h[134] != 0 || h[135] != 0 || h[136] != 'U' || h[137] != 'L'
                || h[138] != 4 || h[139] != 0) {
            return 0;
        }
        long len = (h[140] & 0xFFL) | (h[141] & 0xFFL) << 8 | (h[142] & 0xFFL) << 16 | (h[143] & 0xFFL) << 24;
        return HEAD + len;
    }

    /** The local file of an instance when the backend is a filesystem, else null. */
    public Path localPath(StoredInstance i) {
        return storage.localPath(i.storageKey());
    }
}
