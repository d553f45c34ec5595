package dev.cloudpacs.dicom.net.pdu;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-aware big-endian reads over one PDU, and the exceptions that name the PDU, item and
 * offset. Positions are absolute indexes into the array; messages give offsets relative to the
 * first byte of the PDU, which is what a hex dump of the PDU shows.
 */
final class PduInput {
    final byte[] b;
    final int base;
    final PduType type;

    PduInput(byte[] b, int base, PduType type) {
        this.b = b;
        this.base = base;
        this.type = type;
    }

    int u8(int pos) {
        return b[pos] & 0xFF;
    }

    int u16(int pos) {
        return (b[pos] & 0xFF) << 8 | b[pos + 1] & 0xFF;
    }

    long u32(int pos) {
        return ((long) u16(pos) << 16) | u16(pos + 2);
    }

    /**
     * The end of the item whose 4-byte header (type, reserved, 16-bit length) starts at
     * {@code pos}, after checking that header and body fit before {@code end}.
     */
    int itemEnd(int pos, int end, String enclosing) throws PduException {
        if (end - pos < 4) {
            throw invalid(pos, "item header", "needs 4 bytes but only " + (end - pos) + " are left in the "
                    + enclosing);
        }
        int length = u16(pos + 2);
        if (length > end - pos - 4) {
            throw invalid(pos, ItemType.name(u8(pos)), "item length " + length + " exceeds the " + (end - pos - 4)
                    + " bytes left in the " + enclosing);
        }
        return pos + 4 + length;
    }

    /**
     * Reads a 16-bit length at {@code pos} and checks that that many bytes follow before
     * {@code end}; returns the length.
     */
    int lengthField(int pos, int end, int itemPos, String field) throws PduException {
        if (end - pos < 2) {
            throw invalid(itemPos, ItemType.name(u8(itemPos)), field + " length field at offset "
                    + (pos - base) + " does not fit in the item");
        }
        int length = u16(pos);
        if (length > end - pos - 2) {
            throw invalid(itemPos, ItemType.name(u8(itemPos)), field + " length " + length + " at offset "
                    + (pos - base) + " exceeds the " + (end - pos - 2) + " bytes left in the item");
        }
        return length;
    }

    /** A UID or name: ISO 646 bytes, trailing NUL and space padding from lenient peers stripped. */
    String uid(int pos, int length) {
        int end = pos + length;
        while (end > pos && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        // ISO-8859-1 maps each byte to one char, so odd bytes survive to the message or log.
        return new String(b, pos, end - pos, StandardCharsets.ISO_8859_1);
    }

    /** A 16-byte AE title field without its non-significant leading and trailing spaces. */
    String aeTitle(int pos) {
        String raw = new String(b, pos, AeTitles.WIDTH, StandardCharsets.ISO_8859_1);
        return AeTitles.stripSpaces(raw, 0, raw.length());
    }

    byte[] copy(int pos, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, pos, out, 0, length);
        return out;
    }

    PduException invalid(int pos, String where, String what) {
        return fail(AbortReason.INVALID_PDU_PARAMETER_VALUE, pos, where, what);
    }

    PduException unexpected(int pos, String where, String what) {
        return fail(AbortReason.UNEXPECTED_PDU_PARAMETER, pos, where, what);
    }

    PduException fail(AbortReason reason, int pos, String where, String what) {
        return new PduException(reason, type.standardName() + ", " + where + " at offset " + (pos - base) + ": "
                + what);
    }
}
