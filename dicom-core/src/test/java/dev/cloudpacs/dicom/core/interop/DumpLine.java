package dev.cloudpacs.dicom.core.interop;

/**
 * One element line of {@code dcmdump} output.
 *
 * <p>{@code value} is the printed value without decoration: the text inside {@code [...]} for
 * strings (including any padding byte DCMTK kept, since the harness runs with {@code -dc}),
 * backslash-separated hex for binary VRs, decimal numbers for numeric VRs, {@code (gggg,eeee)}
 * pairs for AT, the empty string for {@code (no value available)}, and the text inside the
 * parentheses for structural lines such as {@code Sequence with undefined length #=2}.
 *
 * @param depth   DCMTK's indentation level (2 spaces each): 0 at top level, and every sequence
 *                and every item adds one, so an item of a top-level sequence has depth 1 and
 *                its elements depth 2; see {@link #itemLevel()}
 * @param tag     (group << 16) | element
 * @param vr      two-letter VR as printed; {@code na} for items/delimiters, {@code pi} for
 *                pixel fragments, {@code ??} for unknown elements read with implicit VR
 * @param value   printed value, see above
 * @param length  value length in bytes, -1 for undefined length ({@code u/l})
 * @param vm      value multiplicity as printed by DCMTK
 * @param keyword dictionary keyword, or e.g. {@code Unknown Tag & Data} for unknown tags
 * @param rawLine the complete output line (several physical lines for values containing CR/LF)
 * @param meta    true for lines of the file meta information (group 0002) section
 */
public record DumpLine(int depth, int tag, String vr, String value, long length, int vm,
                       String keyword, String rawLine, boolean meta) {

    public static final int ITEM = 0xFFFEE000;
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    /** Tag group number. */
    public int group() {
        return tag >>> 16;
    }

    /** Tag element number. */
    public int element() {
        return tag & 0xFFFF;
    }

    /** Tag in DCMTK notation, e.g. {@code (0010,0010)}. */
    public String tagString() {
        return String.format("(%04x,%04x)", group(), element());
    }

    /** Number of sequence items enclosing this line; an item line does not enclose itself. */
    public int itemLevel() {
        return depth / 2;
    }

    /** True for an item line, including pixel fragments. */
    public boolean isItem() {
        return tag == ITEM;
    }

    /** True for an item or sequence delimitation line. */
    public boolean isDelimitation() {
        return tag == ITEM_DELIMITATION || tag == SEQUENCE_DELIMITATION;
    }

    /**
     * True for a delimitation line DCMTK prints after an explicit-length item or sequence; it
     * is not present in the file ("... for re-encoding").
     */
    public boolean isSynthetic() {
        return isDelimitation() && rawLine.contains("for re-encod");
    }

    /** True when the element, item or sequence was encoded with undefined length. */
    public boolean undefinedLength() {
        return length < 0;
    }

    /** Number of items (or elements, for an item line) from a {@code #=N} marker, else -1. */
    public int childCount() {
        int marker = value.lastIndexOf("#=");
        if (marker < 0 || !(isItem() || "SQ".equals(vr) || value.startsWith("PixelSequence"))) {
            return -1;
        }
        return Integer.parseInt(value.substring(marker + 2).trim());
    }

    /** The value without trailing space or NUL padding bytes. */
    public String trimmedValue() {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        return value.substring(0, end);
    }
}
