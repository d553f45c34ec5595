package dev.cloudpacs.dicom.core.data;

/** Byte order helpers for raw value bytes. */
public final class ByteOrders {
    private ByteOrders() {
    }

    /** Reverses each {@code unit}-byte group in {@code b[off, off+len)}; a trailing partial unit is left alone. */
    public static void swap(byte[] b, int off, int len, int unit) {
        if (unit <= 1) {
            return;
        }
        int end = off + len - len % unit;
        for (int i = off; i < end; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }

    public static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian
                ? ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff)
                : (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8);
    }

    public static int i32(byte[] b, int off, boolean bigEndian) {
        return bigEndian
                ? ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff)
                : (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8) | ((b[off + 2] & 0xff) << 16) | ((b[off + 3] & 0xff) << 24);
    }

    public static long i64(byte[] b, int off, boolean bigEndian) {
        long hi = i32(b, off, bigEndian) & 0xFFFFFFFFL;
        long lo = i32(b, off + 4, bigEndian) & 0xFFFFFFFFL;
        return bigEndian ? (hi << 32) | lo : (lo << 32) | hi;
    }

    public static void put16(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
    }

    public static void put32(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 24);
            b[off + 1] = (byte) (v >>> 16);
            b[off + 2] = (byte) (v >>> 8);
            b[off + 3] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
            b[off + 2] = (byte) (v >>> 16);
            b[off + 3] = (byte) (v >>> 24);
        }
    }

    public static void put64(byte[] b, int off, long v, boolean bigEndian) {
        if (bigEndian) {
            put32(b, off, (int) (v >>> 32), true);
            put32(b, off + 4, (int) v, true);
        } else {
            put32(b, off, (int) v, false);
            put32(b, off + 4, (int) (v >>> 32), false);
        }
    }
}
