package dev.cloudpacs.dicom.core;

/**
 * Helpers for 32-bit attribute tags (group in the high 16 bits, element in the low 16 bits), PS3.5
 * section 7.1. Keyword constants live in the generated {@link Tag} class.
 */
public final class Tags {
    /** Item (FFFE,E000), PS3.5 section 7.5. */
    public static final int ITEM = 0xFFFEE000;
    /** Item Delimitation Item (FFFE,E00D). */
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    /** Sequence Delimitation Item (FFFE,E0DD). */
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    /** The 32-bit length value meaning "undefined length". */
    public static final int UNDEFINED_LENGTH = 0xFFFFFFFF;

    private Tags() {
    }

    public static int of(int group, int element) {
        return (group << 16) | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** True for tags in an odd group other than the reserved groups 1, 3, 5, 7 and FFFF. */
    public static boolean isPrivate(int tag) {
        int g = group(tag);
        return (g & 1) != 0 && g > 7 && g != 0xFFFF;
    }

    /** True for a Private Creator element (gggg,0010-00FF) in a private group. */
    public static boolean isPrivateCreator(int tag) {
        int e = element(tag);
        return isPrivate(tag) && e >= 0x10 && e <= 0xFF;
    }

    /**
     * The Private Creator tag that reserves the block a private data element belongs to, e.g.
     * (0029,1010) -> (0029,0010); -1 when the tag is not a private data element.
     */
    public static int creatorOf(int tag) {
        int e = element(tag);
        if (!isPrivate(tag) || e < 0x1000) {
            return -1;
        }
        return (tag & 0xFFFF0000) | (e >>> 8);
    }

    /** True for group length elements (gggg,0000). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** True for the item and delimiter tags of group FFFE. */
    public static boolean isItemOrDelimiter(int tag) {
        return tag == ITEM || tag == ITEM_DELIMITATION || tag == SEQUENCE_DELIMITATION;
    }

    /** Formats as {@code (GGGG,EEEE)} with upper-case hex digits. */
    public static String toString(int tag) {
        char[] c = new char[11];
        c[0] = '(';
        hex(tag >>> 16, c, 1);
        c[5] = ',';
        hex(tag & 0xFFFF, c, 6);
        c[10] = ')';
        return new String(c);
    }

    /** Formats as {@code GGGGEEEE}, the form DICOM JSON uses. */
    public static String toHex(int tag) {
        char[] c = new char[8];
        hex(tag >>> 16, c, 0);
        hex(tag & 0xFFFF, c, 4);
        return new String(c);
    }

    /**
     * Parses {@code GGGGEEEE}, {@code (GGGG,EEEE)} or {@code GGGG,EEEE}; returns -1 when the text is not
     * a tag.
     */
    public static int parse(String s) {
        String t = s.trim();
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        t = t.replace(",", "");
        if (t.length() != 8) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 8; i++) {
            int d = Character.digit(t.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void hex(int v, char[] out, int at) {
        out[at] = HEX[(v >>> 12) & 0xF];
        out[at + 1] = HEX[(v >>> 8) & 0xF];
        out[at + 2] = HEX[(v >>> 4) & 0xF];
        out[at + 3] = HEX[v & 0xF];
    }
}
