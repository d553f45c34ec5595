package dev.cloudpacs.ingest.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A data set read ahead into fixed-size chunks. One array per instance would put every object of more
 * than half a G1 region (512 KiB with a 1 GiB heap: a 512x512 CT) in the old generation as a humongous
 * object, and the read-ahead keeps tens of them alive: the collector then spent a quarter of the CPU on
 * a C-GET. Chunks are small, reused from one instance and one C-GET to the next, and never garbage.
 */
final class Chunks {
    static final int SIZE = 64 << 10;
    /** Spare chunks kept for later C-GETs; more than this are left to the collector. */
    private static final int MAX_SPARE = 512;
    private static final ConcurrentLinkedQueue<byte[]> SPARE = new ConcurrentLinkedQueue<>();

    private final List<byte[]> parts;
    private final int length;

    private Chunks(List<byte[]> parts, int length) {
        this.parts = parts;
        this.length = length;
    }

    /** How many chunks {@code length} bytes take. */
    static int count(long length) {
        return (int) ((length + SIZE - 1) / SIZE);
    }

    /** Reads exactly {@code length} bytes from {@code in}; an EOFException if the stream ends first. */
    static Chunks read(InputStream in, int length) throws IOException {
        List<byte[]> parts = new ArrayList<>(count(length));
        int left = length;
        try {
            while (left > 0) {
                byte[] c = SPARE.poll();
                if (c == null) {
                    c = new byte[SIZE];
                }
                parts.add(c);
                int want = Math.min(left, SIZE);
                if (in.readNBytes(c, 0, want) < want) {
                    throw new java.io.EOFException("retrieve stream cut off inside an instance");
                }
                left -= want;
            }
        } catch (IOException e) {
            recycle(parts);
            throw e;
        }
        return new Chunks(parts, length);
    }

    int length() {
        return length;
    }

    /** Writes the bytes, chunk by chunk, without another copy. */
    void writeTo(OutputStream out) throws IOException {
        int left = length;
        for (byte[] c : parts) {
            int n = Math.min(left, SIZE);
            out.write(c, 0, n);
            left -= n;
        }
    }

    /** The bytes as a stream (for a data set that must be parsed and converted). */
    InputStream stream() {
        List<InputStream> s = new ArrayList<>(parts.size());
        int left = length;
        for (byte[] c : parts) {
            int n = Math.min(left, SIZE);
            s.add(new ByteArrayInputStream(c, 0, n));
            left -= n;
        }
        return new SequenceInputStream(Collections.enumeration(s));
    }

    /** Gives the chunks back; the data must not be used afterwards. */
    void release() {
        recycle(parts);
        parts.clear();
    }

    private static void recycle(List<byte[]> chunks) {
        for (byte[] c : chunks) {
            if (SPARE.size() >= MAX_SPARE) {
                return;
            }
            SPARE.offer(c);
        }
    }
}
