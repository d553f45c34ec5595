package dev.cloudpacs.dicom.core.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * The graphic character sets that a Specific Character Set can designate into G0 or G1, with the
 * ISO 2022 escape sequence that designates each and the JDK charset used to map its codes.
 *
 * <p>Transcribed from PS3.3 Table C.12-3 (single-byte sets with code extensions) and Table C.12-4
 * (multi-byte sets with code extensions); PS3.5 section 6.1.2.5. The JDK charsets are used only to
 * map one code of one set at a time, in these forms:
 *
 * <ul>
 *   <li>G1 96-character sets (ISO 8859 right halves): the GR byte as is, via ISO-8859-n / TIS-620.
 *   <li>JIS X 0201 katakana (G1): GR byte 0xA1-0xDF via JIS_X0201.
 *   <li>JIS X 0208 (G0, 7-bit pairs): each byte OR 0x80, via EUC-JP code set 1.
 *   <li>JIS X 0212 (G0, 7-bit pairs): 0x8F prefix plus each byte OR 0x80, via EUC-JP code set 3.
 *   <li>KS X 1001 and GB 2312 (G1, GR pairs): the bytes as is, via EUC-KR and EUC-CN (GB2312).
 * </ul>
 *
 * <p>ISO 646 (IR 6) in G0 is ASCII. JIS X 0201 Romaji (IR 14) is ASCII except 05/12 YEN SIGN and
 * 07/14 OVERLINE (PS3.5 6.1.2.3 note 3, H.1.1); 05/12 stays the value delimiter for SH, LO, PN, UC.
 */
enum Designation {
    // escape after ESC, G1?, JDK charset, bytes per character, prefix byte for the charset, 96-set?
    ASCII("(B", false, null, 1, 0, false), // ISO-IR 6, ISO 646
    JIS_ROMAN("(J", false, null, 1, 0, false), // ISO-IR 14, JIS X 0201 Romaji
    JIS_KATAKANA(")I", true, "JIS_X0201", 1, 0, false), // ISO-IR 13, JIS X 0201 Katakana
    LATIN1("-A", true, "ISO-8859-1", 1, 0, true), // ISO-IR 100
    LATIN2("-B", true, "ISO-8859-2", 1, 0, true), // ISO-IR 101
    LATIN3("-C", true, "ISO-8859-3", 1, 0, true), // ISO-IR 109
    LATIN4("-D", true, "ISO-8859-4", 1, 0, true), // ISO-IR 110
    CYRILLIC("-L", true, "ISO-8859-5", 1, 0, true), // ISO-IR 144
    ARABIC("-G", true, "ISO-8859-6", 1, 0, true), // ISO-IR 127
    GREEK("-F", true, "ISO-8859-7", 1, 0, true), // ISO-IR 126
    HEBREW("-H", true, "ISO-8859-8", 1, 0, true), // ISO-IR 138
    LATIN5("-M", true, "ISO-8859-9", 1, 0, true), // ISO-IR 148
    THAI("-T", true, "x-iso-8859-11", 1, 0, true), // ISO-IR 166, TIS 620-2533
    LATIN9("-b", true, "ISO-8859-15", 1, 0, true), // ISO-IR 203
    JIS_X0208("$B", false, "EUC-JP", 2, 0, false), // ISO-IR 87
    JIS_X0212("$(D", false, "EUC-JP", 2, 0x8F, false), // ISO-IR 159
    KS_X1001("$)C", true, "EUC-KR", 2, 0, false), // ISO-IR 149
    GB2312("$)A", true, "GB2312", 2, 0, false); // ISO-IR 58

    static final int ESC = 0x1B;

    private final byte[] escape;
    final boolean g1;
    final Charset charset;
    final int width;
    final int prefix;
    private final int minGr;
    private final int maxGr;

    Designation(String escape, boolean g1, String charset, int width, int prefix, boolean set96) {
        this.escape = (((char) ESC) + escape).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.g1 = g1;
        this.charset = charset == null ? null : lookup(charset);
        this.width = width;
        this.prefix = prefix;
        this.minGr = set96 ? 0xA0 : 0xA1;
        this.maxGr = set96 ? 0xFF : 0xFE;
    }

    private static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null; // not in this runtime: terms using it are reported as unknown
        }
    }

    /** True when the JDK can map this set (always for ASCII and Romaji). */
    boolean available() {
        return charset != null || width == 1 && !g1;
    }

    /** True for the 7-bit single-byte G0 sets (ASCII, Romaji), which carry the delimiters. */
    boolean singleByteG0() {
        return !g1 && width == 1;
    }

    /** The full escape sequence, ESC included. */
    byte[] escape() {
        return escape;
    }

    /**
     * The designation whose escape sequence starts at {@code bytes[pos]} (just after ESC), or null.
     * ESC $ @ (JIS C 6226-1978) is read as JIS X 0208, as ISO-2022-JP readers do.
     */
    static Designation forEscape(byte[] bytes, int pos, int end) {
        for (Designation d : values()) {
            int n = d.escape.length - 1;
            if (end - pos >= n && java.util.Arrays.equals(bytes, pos, pos + n, d.escape, 1, n + 1)) {
                return d;
            }
        }
        if (end - pos >= 2 && bytes[pos] == '$' && bytes[pos + 1] == '@') {
            return JIS_X0208;
        }
        return null;
    }

    /** Length of the escape sequence read by {@link #forEscape}, ESC excluded. */
    int escapeLength(byte[] bytes, int pos) {
        return this == JIS_X0208 && bytes[pos + 1] == '@' ? 2 : escape.length - 1;
    }

    /** True when {@code b} (0-255) is a valid byte of one code of this set as it appears in the stream. */
    boolean validByte(int b) {
        return g1 ? b >= minGr && b <= maxGr : b > 0x20 && b < 0x7F;
    }

    /**
     * The bytes of {@code codePoint} in this set as they appear in the stream (GL for G0, GR for G1),
     * or null when the set has no code for it. {@code encoders} caches one encoder per designation.
     */
    byte[] encode(int codePoint, CharsetEncoder[] encoders) {
        if (this == JIS_ROMAN) {
            if (codePoint == '\\' || codePoint == '~') {
                return null;
            }
            codePoint = codePoint == '\u00A5' ? '\\' : codePoint == '\u203E' ? '~' : codePoint;
        }
        if (charset == null) {
            return codePoint < 0x80 ? new byte[] {(byte) codePoint} : null;
        }
        if (codePoint < 0x80) {
            return null; // the other sets only add characters outside ISO 646
        }
        CharsetEncoder enc = encoders[ordinal()];
        if (enc == null) {
            enc = encoders[ordinal()] = charset.newEncoder();
        }
        ByteBuffer out;
        try {
            out = enc.reset().encode(CharBuffer.wrap(Character.toChars(codePoint)));
        } catch (CharacterCodingException e) {
            return null;
        }
        int n = out.remaining();
        int skip = prefix == 0 ? 0 : 1;
        if (n != width + skip || skip == 1 && (out.get(0) & 0xFF) != prefix) {
            return null;
        }
        byte[] code = new byte[width];
        for (int i = 0; i < width; i++) {
            int b = out.get(skip + i) & 0xFF;
            if (b < minGr || b > maxGr) {
                return null;
            }
            code[i] = (byte) (g1 ? b : b & 0x7F);
        }
        return code;
    }
}
