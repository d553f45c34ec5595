package dev.cloudpacs.dicom.net.pdu;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for encoding PDUs. Lengths are written as placeholders and
 * patched when the item is complete, so items are encoded in one pass; every patch checks the
 * field width and throws IllegalArgumentException naming the item when the content is too big.
 */
final class PduOutput {
    private byte[] buf;
    private int size;

    PduOutput(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u16(int v, String what) {
        if ((v & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(what + " does not fit a 16-bit length: " + v + " bytes");
        }
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void u32(long v) {
        ensure(4);
        PduCodec.putU32(buf, size, v);
        size += 4;
    }

    void zeros(int n) {
        ensure(n);
        size += n; // the array is zero-filled and never reused, so skipping is writing zeros
    }

    void bytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    void bytes(byte[] src) {
        bytes(src, 0, src.length);
    }

    /** Writes an AE title into a 16-byte field, space padded (PS3.8 Table 9-11). */
    void aeTitle(String title) {
        byte[] t = title.getBytes(StandardCharsets.ISO_8859_1);
        bytes(t);
        ensure(AeTitles.WIDTH - t.length);
        Arrays.fill(buf, size, size + AeTitles.WIDTH - t.length, (byte) ' ');
        size += AeTitles.WIDTH - t.length;
    }

    /** Writes a 16-bit length followed by the text; UIDs are not padded (PS3.8 9.3.2.2.1). */
    void text16(String s, String what) {
        byte[] t = s.getBytes(StandardCharsets.ISO_8859_1);
        u16(t.length, what);
        bytes(t);
    }

    /** Writes an item holding just a text: type, reserved, length, text. */
    void textItem(int type, String s) {
        u8(type);
        u8(0);
        text16(s, ItemType.name(type));
    }

    /** Starts an item: type and reserved bytes, then a length placeholder patched by {@link #endItem}. */
    int beginItem(int type) {
        u8(type);
        u8(0);
        return begin16();
    }

    /** Reserves a 16-bit length and returns its position. */
    int begin16() {
        ensure(2);
        size += 2;
        return size - 2;
    }

    /** Patches the 16-bit length at {@code mark} to count the bytes written since. */
    void end16(int mark, String what) {
        int length = size - mark - 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException(what + " is " + length + " bytes, more than a 16-bit length allows");
        }
        buf[mark] = (byte) (length >>> 8);
        buf[mark + 1] = (byte) length;
    }

    void endItem(int mark, int type) {
        end16(mark, ItemType.name(type));
    }

    int size() {
        return size;
    }

    void patchU32(int pos, long v) {
        PduCodec.putU32(buf, pos, v);
    }

    byte[] toByteArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
}
