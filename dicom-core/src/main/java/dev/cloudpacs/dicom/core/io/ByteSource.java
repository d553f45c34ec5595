package dev.cloudpacs.dicom.core.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A buffered byte reader that knows its absolute position, for the parser. Running out of bytes is
 * signalled with {@link Eof} carrying the offset where the data ended, so the parser can name the
 * element it was reading.
 */
final class ByteSource {
    /** Thrown when fewer bytes remain than asked for. */
    static final class Eof extends Exception {
        final long offset;

        Eof(long offset) {
            super(null, null, false, false);
            this.offset = offset;
        }
    }

    /**
     * The buffer starts small and doubles with each read up to its largest size: many reads of a file
     * stop after its header (store_scu scans every file it sends so), and need neither a large buffer
     * zeroed nor a large read.
     */
    private static final int FIRST_BUFFER = 8 * 1024;
    private static final int MAX_BUFFER = 64 * 1024;

    private InputStream in;
    private byte[] buf = new byte[FIRST_BUFFER];
    private boolean readBefore;
    private int pos;
    private int lim;
    private long base;
    private long length;

    /**
     * @param in     the input
     * @param length total length in bytes when known (a file), -1 otherwise
     */
    ByteSource(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    long position() {
        return base + pos;
    }

    /** Total length when known, else -1. */
    long length() {
        return length;
    }

    /** Bytes left when the total length is known, else Long.MAX_VALUE. */
    long remaining() {
        return length < 0 ? Long.MAX_VALUE : length - position();
    }

    /** Tries to have {@code n} bytes buffered; returns how many are (may be fewer at the end). */
    int fill(int n) throws IOException {
        if (lim - pos >= n) {
            return lim - pos;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        if (buf.length < MAX_BUFFER && (readBefore || n > buf.length)) {
            buf = Arrays.copyOf(buf, Math.min(MAX_BUFFER, Math.max(buf.length * 2, n)));
        }
        readBefore = true;
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                break;
            }
            lim += r;
        }
        return lim - pos;
    }

    boolean atEnd() throws IOException {
        return fill(1) == 0;
    }

    private void require(int n) throws IOException, Eof {
        if (fill(n) < n) {
            throw new Eof(base + lim);
        }
    }

    /** The byte at {@code pos + ahead} without consuming, or -1 at the end. */
    int peek(int ahead) throws IOException {
        return fill(ahead + 1) > ahead ? buf[pos + ahead] & 0xff : -1;
    }

    int u16(boolean bigEndian) throws IOException, Eof {
        require(2);
        int b0 = buf[pos] & 0xff;
        int b1 = buf[pos + 1] & 0xff;
        pos += 2;
        return bigEndian ? (b0 << 8) | b1 : b0 | (b1 << 8);
    }

    int i32(boolean bigEndian) throws IOException, Eof {
        require(4);
        int b0 = buf[pos] & 0xff;
        int b1 = buf[pos + 1] & 0xff;
        int b2 = buf[pos + 2] & 0xff;
        int b3 = buf[pos + 3] & 0xff;
        pos += 4;
        return bigEndian ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3 : b0 | (b1 << 8) | (b2 << 16) | (b3 << 24);
    }

    /** Reads a tag: group then element, each 16-bit. */
    int tag(boolean bigEndian) throws IOException, Eof {
        int g = u16(bigEndian);
        int e = u16(bigEndian);
        return (g << 16) | e;
    }

    /** Reads exactly {@code len} bytes into a new array, growing as data arrives (never sized by trust). */
    byte[] bytes(long len) throws IOException, Eof {
        if (len > remaining()) {
            throw new Eof(length);
        }
        int n = (int) len;
        byte[] out = new byte[Math.min(n, 1 << 20)];
        int got = 0;
        while (got < n) {
            if (got == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, (long) out.length * 2));
            }
            if (pos == lim && fill(1) == 0) {
                throw new Eof(base + lim);
            }
            int k = Math.min(lim - pos, out.length - got);
            System.arraycopy(buf, pos, out, got, k);
            pos += k;
            got += k;
        }
        return out;
    }

    /** Skips {@code len} bytes; seeks when the underlying stream supports it. */
    void skip(long len) throws IOException, Eof {
        if (len > remaining()) {
            throw new Eof(length);
        }
        long buffered = lim - pos;
        if (len <= buffered) {
            pos += (int) len;
            return;
        }
        long left = len - buffered;
        base += lim;
        pos = 0;
        lim = 0;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new Eof(base);
                }
                s = 1;
            }
            left -= s;
            base += s;
        }
    }

    /**
     * From the current position on, reads through a raw Deflate (RFC 1951) decoder; positions then
     * count inflated bytes, starting from the current position.
     */
    void inflateRest() {
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf.clone(), pos, lim - pos), in);
        in = new InflaterInputStream(rest, new Inflater(true), 64 * 1024);
        base += pos;
        pos = 0;
        lim = 0;
        length = -1;
    }
}
