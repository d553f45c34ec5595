package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.ByteOrders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Copies a slice of a value, in memory ({@code byte[]}) or left in its file ({@link BulkData}), to a
 * stream in bounded memory, swapping byte order when the value is big endian: DICOMweb bulk data and
 * frames are always little endian (PS3.18 8.7.3.3).
 */
final class ValueBytes {
    private static final int BUFFER = 64 * 1024;

    private ValueBytes() {
    }

    /** The value's length in bytes. */
    static long length(Object value) {
        return value instanceof byte[] b ? b.length : ((BulkData) value).length();
    }

    /**
     * Copies {@code length} bytes from {@code from}; {@code swapUnit} &gt; 1 reverses the bytes of each unit
     * (the slice must start on a unit boundary).
     */
    static void copy(Object value, long from, long length, int swapUnit, OutputStream out) throws IOException {
        if (from < 0 || length < 0 || from + length > length(value)) {
            throw new IOException("slice " + from + "+" + length + " lies outside a value of " + length(value)
                    + " bytes");
        }
        if (value instanceof byte[] b) {
            if (swapUnit > 1) {
                byte[] c = java.util.Arrays.copyOfRange(b, (int) from, (int) (from + length));
                ByteOrders.swap(c, 0, c.length, swapUnit);
                out.write(c);
            } else {
                out.write(b, (int) from, (int) length);
            }
            return;
        }
        BulkData bd = (BulkData) value;
        // Position the channel instead of skipping: frame 900 of a 2 GB object is read, not scanned to.
        try (FileChannel ch = FileChannel.open(bd.path(), StandardOpenOption.READ)) {
            ch.position(bd.offset() + from);
            InputStream in = Channels.newInputStream(ch);
            int unit = Math.max(1, swapUnit);
            byte[] buf = new byte[BUFFER - BUFFER % unit];
            long left = length;
            while (left > 0) {
                int want = (int) Math.min(buf.length, left);
                int got = in.readNBytes(buf, 0, want);
                if (got < want) {
                    throw new IOException("stored object " + bd.path().getFileName() + " ends inside a value");
                }
                if (swapUnit > 1) {
                    ByteOrders.swap(buf, 0, got, swapUnit);
                }
                out.write(buf, 0, got);
                left -= got;
            }
        }
    }

    /** Reads a slice into memory (for small slices only). */
    static byte[] read(Object value, long from, int length) throws IOException {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream(length);
        copy(value, from, length, 1, bos);
        return bos.toByteArray();
    }
}
