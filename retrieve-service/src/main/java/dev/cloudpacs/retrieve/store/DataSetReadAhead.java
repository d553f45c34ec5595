package dev.cloudpacs.retrieve.store;

import dev.cloudpacs.retrieve.store.StoredInstance;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * Reads the data set of the next sub-operation's instance into memory while the destination is still
 * storing the current one (after it was sent, before its response), so opening and reading the file
 * happen in time the sender would spend waiting anyway instead of adding to every sub-operation. This
 * runs on the job's own thread: on a small machine a second reading thread would only compete with the
 * send. Two buffers take turns (one being sent, one being filled) and are reused; a data set larger than
 * the limit is not read into memory but sent from its file.
 */
public final class DataSetReadAhead {
    /** Data sets up to this size are read into memory; larger ones stream from their file. */
    public static final int MAX_BUFFERED = 16 << 20;

    /**
     * An instance's data set: in {@code data[0, length)}, or, when {@code data} is null, to be read from
     * {@code file} starting at {@code dataSetOffset}.
     */
    public record Loaded(StoredInstance instance, Path file, long dataSetOffset, byte[] data, int length) {
    }

    private final StoredObjects objects;
    private final int maxBuffered;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>(2);
    private Loaded ahead;

    public DataSetReadAhead(StoredObjects objects, int maxBuffered) {
        this.objects = objects;
        this.maxBuffered = maxBuffered;
    }

    /**
     * Reads {@code next}, the instance to send after the one in flight. A failure is not reported here:
     * {@link #take} reads it again and reports it for its own sub-operation.
     */
    public void readAhead(StoredInstance next) {
        drop();
        try {
            ahead = load(next, spare());
        } catch (IOException e) {
            ahead = null;
        }
    }

    /** The data set of {@code i}: the one read ahead when it is for {@code i}, else read now. */
    public Loaded take(StoredInstance i) throws IOException {
        if (ahead != null && ahead.instance() == i) {
            Loaded d = ahead;
            ahead = null;
            return d;
        }
        drop();
        return load(i, spare());
    }

    /** Gives the buffer of a data set that has been sent back for the next read. */
    public void release(Loaded loaded) {
        if (loaded.data() != null && free.size() < 2) {
            free.push(loaded.data());
        }
    }

    private void drop() {
        if (ahead != null) {
            release(ahead);
            ahead = null;
        }
    }

    private byte[] spare() {
        byte[] b = free.poll();
        return b != null ? b : new byte[0];
    }

    private Loaded load(StoredInstance i, byte[] buffer) throws IOException {
        Path file = objects.localPath(i);
        if (file == null) {
            throw new IOException("storage backend has no local files");
        }
        try (StoredObjects.Opened ds = objects.openDataSet(i)) {
            long length = ds.length();
            long offset = ds.offset();
            if (length > maxBuffered) {
                if (free.size() < 2) {
                    free.push(buffer);
                }
                return new Loaded(i, file, offset, null, 0);
            }
            int n = (int) length;
            byte[] data = buffer.length >= n ? buffer : new byte[n];
            int read = ds.in().readNBytes(data, 0, n);
            if (read != n) {
                throw new IOException("stored object " + i.storageKey() + " ended after " + read + " of " + n
                        + " data set bytes");
            }
            return new Loaded(i, file, offset, data, n);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new IOException("stored object " + i.storageKey() + " is missing", e);
        }
    }
}
