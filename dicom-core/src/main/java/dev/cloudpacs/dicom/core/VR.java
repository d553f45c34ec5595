package dev.cloudpacs.dicom.core;

/**
 * The 34 DICOM Value Representations with their encoding rules, transcribed from PS3.5 section 6.2
 * (Table 6.2-1) and section 7.1.2 (explicit VR header layout).
 *
 * <p>Each constant carries what encoders and decoders need: whether its explicit-VR header uses the
 * long form (2 reserved bytes + 4-byte length), the padding byte for odd lengths, the kind of value
 * it holds, and the unit size used when swapping byte order.
 */
public enum VR {
    AE(Kind.ASCII, false, ' ', 1, true, 16),
    AS(Kind.ASCII, false, ' ', 1, true, 4),
    AT(Kind.TAG, false, 0, 2, true, 4),
    CS(Kind.ASCII, false, ' ', 1, true, 16),
    DA(Kind.ASCII, false, ' ', 1, true, 8),
    DS(Kind.ASCII, false, ' ', 1, true, 16),
    DT(Kind.ASCII, false, ' ', 1, true, 26),
    FD(Kind.FLOAT, false, 0, 8, true, 8),
    FL(Kind.FLOAT, false, 0, 4, true, 4),
    IS(Kind.ASCII, false, ' ', 1, true, 12),
    LO(Kind.TEXT, false, ' ', 1, true, 64),
    LT(Kind.TEXT, false, ' ', 1, false, 10240),
    OB(Kind.BINARY, true, 0, 1, false, -1),
    OD(Kind.BINARY, true, 0, 8, false, -1),
    OF(Kind.BINARY, true, 0, 4, false, -1),
    OL(Kind.BINARY, true, 0, 4, false, -1),
    OV(Kind.BINARY, true, 0, 8, false, -1),
    OW(Kind.BINARY, true, 0, 2, false, -1),
    PN(Kind.TEXT, false, ' ', 1, true, 64 * 5),
    SH(Kind.TEXT, false, ' ', 1, true, 16),
    SL(Kind.INT, false, 0, 4, true, 4),
    SQ(Kind.SEQUENCE, true, 0, 1, false, -1),
    SS(Kind.INT, false, 0, 2, true, 2),
    ST(Kind.TEXT, false, ' ', 1, false, 1024),
    SV(Kind.INT, true, 0, 8, true, 8),
    TM(Kind.ASCII, false, ' ', 1, true, 14),
    UC(Kind.TEXT, true, ' ', 1, true, -1),
    UI(Kind.ASCII, false, 0, 1, true, 64),
    UL(Kind.INT, false, 0, 4, true, 4),
    UN(Kind.BINARY, true, 0, 1, false, -1),
    UR(Kind.ASCII, true, ' ', 1, false, -1),
    US(Kind.INT, false, 0, 2, true, 2),
    UT(Kind.TEXT, true, ' ', 1, false, -1),
    UV(Kind.INT, true, 0, 8, true, 8);

    /** What a value of this VR is, as far as decoding goes. */
    public enum Kind {
        /** Character string in the default repertoire only (no Specific Character Set applies). */
        ASCII,
        /** Character string decoded with the data set's Specific Character Set. */
        TEXT,
        /** Fixed-size integers (signed or unsigned), byte order dependent. */
        INT,
        /** IEEE floating point, byte order dependent. */
        FLOAT,
        /** Attribute tag pairs (group, element), each a 16-bit unsigned, byte order dependent. */
        TAG,
        /** Other-byte/word/... and UN: raw bytes. */
        BINARY,
        /** A sequence of items. */
        SEQUENCE
    }

    private final Kind kind;
    private final boolean longHeader;
    private final byte padding;
    private final int unitSize;
    private final boolean multiValued;
    private final int maxLength;
    private final int code;

    VR(Kind kind, boolean longHeader, int padding, int unitSize, boolean multiValued, int maxLength) {
        this.kind = kind;
        this.longHeader = longHeader;
        this.padding = (byte) padding;
        this.unitSize = unitSize;
        this.multiValued = multiValued;
        this.maxLength = maxLength;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    /** The kind of value this VR holds. */
    public Kind kind() {
        return kind;
    }

    /**
     * True when the explicit-VR header is 12 bytes (tag, VR, 2 reserved bytes, 32-bit length), false
     * when it is 8 bytes (tag, VR, 16-bit length). PS3.5 Table 7.1-1 and 7.1-2.
     */
    public boolean longHeader() {
        return longHeader;
    }

    /** The byte appended to an odd-length value: space for strings, NUL for UI and binary VRs. */
    public byte padding() {
        return padding;
    }

    /** Size in bytes of one unit to swap when changing byte order (1 when order does not matter). */
    public int unitSize() {
        return unitSize;
    }

    /** True when values are separated by backslash (strings) or are a sequence of fixed-size numbers. */
    public boolean multiValued() {
        return multiValued;
    }

    /**
     * Maximum length of one value in bytes (characters for text VRs) per PS3.5, or -1 when only bounded
     * by the length field.
     */
    public int maxLength() {
        return maxLength;
    }

    /** The two-character code as a 16-bit number, first character in the high byte. */
    public int code() {
        return code;
    }

    /** True for string VRs (ASCII or TEXT kind). */
    public boolean isString() {
        return kind == Kind.ASCII || kind == Kind.TEXT;
    }

    /** True when the Specific Character Set applies to this VR's values. */
    public boolean usesCharacterSet() {
        return kind == Kind.TEXT;
    }

    /** True when byte order affects this VR's encoding. */
    public boolean needsByteSwap() {
        return unitSize > 1;
    }

    /**
     * The VR for a two-byte code as it appears in an explicit-VR header, or {@code null} when the bytes
     * are not a known VR.
     */
    public static VR of(int b0, int b1) {
        return BY_CODE[((b0 & 0xff) << 8) | (b1 & 0xff)];
    }

    /** The VR for a two-character name, or {@code null} when unknown. */
    public static VR of(String name) {
        if (name == null || name.length() != 2) {
            return null;
        }
        return of(name.charAt(0), name.charAt(1));
    }
}
