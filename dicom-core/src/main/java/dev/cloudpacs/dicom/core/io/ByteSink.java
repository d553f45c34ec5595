package dev.cloudpacs.dicom.core.io;

import java.io.IOException;
import java.io.OutputStream;

/** A small write buffer for the encoder; element headers are assembled in {@link #scratch()}. */
final class ByteSink {
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private final byte[] scratch = new byte[16];
    private int n;

    ByteSink(OutputStream out) {
        this.out = out;
    }

    byte[] scratch() {
        return scratch;
    }

    void write(int b) throws IOException {
        if (n == buf.length) {
            flushTo();
        }
        buf[n++] = (byte) b;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - n) {
            flushTo();
            if (len > buf.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, n, len);
        n += len;
    }

    /** Writes buffered bytes to the underlying stream (without flushing it). */
    void flushTo() throws IOException {
        if (n > 0) {
            out.write(buf, 0, n);
            n = 0;
        }
    }

    /** The underlying stream, for copying large values past the buffer; call {@link #flushTo()} first. */
    OutputStream stream() {
        return out;
    }

    void flush() throws IOException {
        flushTo();
        out.flush();
    }
}
