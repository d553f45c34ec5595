package dev.cloudpacs.dicom.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A value that stays in its file: path, byte offset and length. The reader keeps large values (pixel
 * data, anything above its threshold) this way so a multi-gigabyte object is parsed with bounded
 * memory; writers copy the bytes straight from the file.
 *
 * @param path      the file holding the value
 * @param offset    offset of the first value byte in the file
 * @param length    value length in bytes
 * @param bigEndian byte order the value is encoded in
 */
public record BulkData(Path path, long offset, long length, boolean bigEndian) {

    /** Opens a stream over exactly this value's bytes. */
    public InputStream openStream() throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            ch.position(offset);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        InputStream raw = Channels.newInputStream(ch);
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = raw.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = raw.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                raw.close();
            }
        };
    }

    /**
     * Reads the whole value into memory.
     *
     * @throws IOException when the value is larger than 2 GiB or the file is shorter than recorded
     */
    public byte[] readAll() throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("value of " + length + " bytes in " + path + " is too large to load into memory");
        }
        byte[] b = new byte[(int) length];
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException("unexpected end of file at offset " + pos + " in " + path);
                }
                pos += n;
            }
        }
        return b;
    }

    /** Copies the value to {@code out}, swapping byte order in units of {@code swapUnit} bytes if &gt; 1. */
    public void copyTo(OutputStream out, int swapUnit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = openStream()) {
            long left = length;
            while (left > 0) {
                int want = (int) Math.min(buf.length, left);
                int got = in.readNBytes(buf, 0, want);
                if (got < want) {
                    throw new IOException("unexpected end of file at offset " + (offset + length - left + got)
                            + " in " + path);
                }
                if (swapUnit > 1) {
                    ByteOrders.swap(buf, 0, got, swapUnit);
                }
                out.write(buf, 0, got);
                left -= got;
            }
        }
    }
}
