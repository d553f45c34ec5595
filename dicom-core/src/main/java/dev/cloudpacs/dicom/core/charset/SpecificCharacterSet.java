package dev.cloudpacs.dicom.core.charset;

import dev.cloudpacs.dicom.core.VR;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes and encodes text values under a Specific Character Set (0008,0005).
 *
 * <p>References: PS3.3 section C.12.1.1.2 (Defined Terms, Tables C.12-2 to C.12-5, see {@link
 * DefinedTerm}); PS3.5 section 6.1 (character repertoires, code extensions in 6.1.2.5, and when the
 * initial designation must be active again in 6.1.2.5.3); PS3.5 Annexes H, I, J and K (examples).
 *
 * <p>Values 1 to n name the repertoires; value 1 (empty meaning ISO-IR 6) is designated initially.
 * ISO 2022 escape sequences switch G0 (bytes 0x21-0x7E) and G1 (bytes 0xA0-0xFF). The initial
 * designation is active again after CR, LF, FF, TAB and the other control characters, after a
 * backslash (value delimiter) for multi-valued VRs and after {@code ^} and {@code =} for PN. UTF-8,
 * GB 18030 and GBK values are decoded whole by the JDK.
 *
 * <p>Decoding is lenient: unknown terms fall back to the default repertoire (see {@link
 * #unknownTerms()}); a byte 0x80-0xFF with nothing designated in G1 decodes as ISO 8859-1; any known
 * escape sequence is honoured even if its term is not listed; after a delimiter G1 keeps its last
 * designation when value 1 designates none (some writers escape once per value); malformed codes
 * become U+FFFD. Encoding picks, for each character, the first listed set that has it, and writes
 * {@code ?} for characters none has. Instances are immutable, thread-safe and cached per value list.
 */
public final class SpecificCharacterSet {

    private static final int MAX_CACHED = 256;
    private static final ConcurrentHashMap<List<String>, SpecificCharacterSet> CACHE =
            new ConcurrentHashMap<>();

    /** The default repertoire ISO-IR 6 (no Specific Character Set); bytes 0x80-0xFF read as Latin-1. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[0]);

    private final String[] values;
    private final List<String> unknownTerms;
    /** Charset of whole values (UTF-8, GB 18030, GBK), or null for ISO 2022 style sets. */
    private final Charset whole;
    private final Designation initialG0;
    private final Designation initialG1;
    /** Designations to try when encoding, in the order of the values. */
    private final Designation[] candidates;

    private SpecificCharacterSet(String[] values) {
        this.values = values;
        List<String> unknown = new ArrayList<>();
        List<DefinedTerm> terms = new ArrayList<>();
        Charset wholeCharset = null;
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            DefinedTerm t = v.isEmpty() ? (i == 0 ? DefinedTerm.IR_6 : null) : DefinedTerm.of(v);
            if (t == null) {
                if (!v.isEmpty()) {
                    unknown.add(v);
                }
                if (i == 0) {
                    terms.add(DefinedTerm.IR_6); // an unknown value 1 falls back to the default repertoire
                }
            } else if (t.whole != null) {
                if (i == 0) {
                    wholeCharset = t.whole;
                } else {
                    unknown.add(v); // UTF-8, GB 18030 and GBK do not allow code extensions
                }
            } else if (wholeCharset != null) {
                unknown.add(v);
            } else {
                terms.add(t);
            }
        }
        this.whole = wholeCharset;
        this.unknownTerms = List.copyOf(unknown);
        // Value 1 sets the initial G0 (and G1). A multi-byte set as value 1 is not allowed; it is read
        // with ASCII in G0 (so "ISO 2022 IR 149" alone decodes plain EUC-KR).
        DefinedTerm first = terms.isEmpty() ? DefinedTerm.IR_6 : terms.get(0);
        this.initialG0 = first.g0 != null && first.g0.singleByteG0() ? first.g0 : Designation.ASCII;
        this.initialG1 = first.g1;
        List<Designation> cand = new ArrayList<>();
        cand.add(initialG0);
        for (DefinedTerm t : terms) {
            for (Designation d : new Designation[] {t.g0, t.g1}) {
                if (d != null && !cand.contains(d)) {
                    cand.add(d);
                }
            }
        }
        this.candidates = cand.toArray(new Designation[0]);
    }

    /**
     * The set for the values of (0008,0005) as read. Each value is trimmed; the first may be empty
     * (ISO-IR 6 with code extensions). A single argument containing backslashes is split. No values, or
     * only empty ones, give {@link #DEFAULT}. Never throws for unknown terms.
     */
    public static SpecificCharacterSet of(String... values) {
        if (values == null || values.length == 0) {
            return DEFAULT;
        }
        if (values.length == 1 && values[0] != null && values[0].indexOf('\\') >= 0) {
            values = values[0].split("\\\\", -1);
        }
        String[] trimmed = new String[values.length];
        boolean allEmpty = true;
        for (int i = 0; i < values.length; i++) {
            trimmed[i] = values[i] == null ? "" : values[i].strip();
            allEmpty &= trimmed[i].isEmpty();
        }
        if (allEmpty) {
            return DEFAULT;
        }
        List<String> key = List.of(trimmed);
        SpecificCharacterSet cs = CACHE.get(key);
        if (cs == null) {
            cs = new SpecificCharacterSet(trimmed);
            if (CACHE.size() < MAX_CACHED) {
                SpecificCharacterSet prev = CACHE.putIfAbsent(key, cs);
                cs = prev != null ? prev : cs;
            }
        }
        return cs;
    }

    /** The values of (0008,0005), trimmed; empty for {@link #DEFAULT}. */
    public String[] values() {
        return values.clone();
    }

    /** Values that are not Defined Terms (or not allowed where they appear); they were ignored. */
    public List<String> unknownTerms() {
        return unknownTerms;
    }

    /** True for ISO_IR 192 (UTF-8). */
    public boolean isUtf8() {
        return whole == StandardCharsets.UTF_8;
    }

    /**
     * True when values may contain ISO 2022 escape sequences: more than one value, or a single
     * "ISO 2022 ..." term. Multi-byte codes may then contain 0x5C, so such values cannot be split on
     * backslash bytes before decoding.
     */
    public boolean usesCodeExtensions() {
        return whole == null
                && (values.length > 1 || values.length == 1 && values[0].startsWith("ISO 2022"));
    }

    // ---------------------------------------------------------------------------------------------
    // Decoding

    /**
     * Decodes one value (possibly several backslash-separated values) of the given VR. Padding is not
     * removed. VRs to which the Specific Character Set does not apply are decoded as ISO 8859-1.
     */
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (vr != null && !vr.usesCharacterSet()
                || initialG0 == Designation.ASCII && isAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (whole != null) {
            return new String(bytes, offset, length, whole);
        }
        Output out = new Output(length);
        Designation g0 = initialG0;
        Designation g1 = initialG1;
        int end = offset + length;
        for (int i = offset; i < end; ) {
            int b = bytes[i] & 0xFF;
            if (b == Designation.ESC) {
                Designation d = Designation.forEscape(bytes, i + 1, end);
                if (d != null) {
                    i += 1 + d.escapeLength(bytes, i + 1);
                    if (d.g1) {
                        g1 = d;
                    } else {
                        g0 = d;
                        if (d == Designation.JIS_ROMAN && g1 == null) {
                            g1 = Designation.JIS_KATAKANA; // ESC ( J as all of JIS X 0201, as in DCMTK
                        }
                    }
                    continue;
                }
            }
            if (b < 0x80 && (g0.singleByteG0() || !g0.validByte(b))) {
                boolean reset = resetsAt(b, vr);
                char c = (char) b;
                if (g0 == Designation.JIS_ROMAN && (b == '~' || b == '\\' && !reset)) {
                    c = b == '~' ? '\u203E' : '\u00A5'; // OVERLINE, YEN SIGN (05/12 unless a delimiter)
                }
                if (reset) {
                    g0 = initialG0;
                    g1 = initialG1 != null ? initialG1 : g1;
                }
                out.append(c);
                i++;
            } else {
                Designation d = b < 0x80 ? g0 : g1;
                if (d == null || b >= 0x80 && b < 0xA0) {
                    out.append((char) b); // nothing designated in G1, or C1 control: as ISO 8859-1
                    i++;
                } else if (!d.validByte(b)
                        || d.width == 2 && (i + 1 >= end || !d.validByte(bytes[i + 1] & 0xFF))) {
                    out.append('\uFFFD');
                    i++;
                } else {
                    out.append(d, bytes, i);
                    i += d.width;
                }
            }
        }
        return out.finish();
    }

    /** Decodes a whole array; see {@link #decode(byte[], int, int, VR)}. */
    public String decode(byte[] bytes, VR vr) {
        return decode(bytes, 0, bytes.length, vr);
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0 || bytes[i] == Designation.ESC) {
                return false;
            }
        }
        return true;
    }

    /** True when the initial designation is active again at this character (PS3.5 6.1.2.5.3). */
    private static boolean resetsAt(int c, VR vr) {
        if (c < 0x20) {
            return c != Designation.ESC;
        }
        if (c == '\\') {
            return vr == null || vr.multiValued();
        }
        return (c == '^' || c == '=') && vr == VR.PN;
    }

    /** Collects runs of codes of one JDK charset and maps each run in one call. */
    private static final class Output {
        private final StringBuilder text;
        private byte[] run = new byte[16];
        private int runLength;
        private Charset runCharset;

        Output(int length) {
            text = new StringBuilder(length);
        }

        void append(char c) {
            flush();
            text.append(c);
        }

        void append(Designation d, byte[] bytes, int pos) {
            if (d.charset != runCharset) {
                flush();
                runCharset = d.charset;
            }
            if (runLength + 3 > run.length) {
                run = Arrays.copyOf(run, run.length * 2);
            }
            if (d.prefix != 0) {
                run[runLength++] = (byte) d.prefix;
            }
            for (int k = 0; k < d.width; k++) {
                run[runLength++] = (byte) (bytes[pos + k] | 0x80);
            }
        }

        private void flush() {
            if (runLength > 0) {
                text.append(new String(run, 0, runLength, runCharset));
                runLength = 0;
            }
        }

        String finish() {
            flush();
            return text.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding

    /**
     * Encodes one value (possibly several backslash-separated values) of the given VR, without padding.
     * With code extensions, each character is written in the first listed set that has it, escape
     * sequences are written where the designation changes, and the initial designation is restored
     * before each delimiter and control character and at the end (PS3.5 6.1.2.5.3). Characters no set
     * has become {@code ?}.
     */
    public byte[] encode(String value, VR vr) {
        return encode(value, vr, null);
    }

    /** True when every character of {@code value} can be encoded for the VR (no {@code ?} substitution). */
    public boolean canEncode(String value, VR vr) {
        boolean[] lossy = new boolean[1];
        encode(value, vr, lossy);
        return !lossy[0];
    }

    private byte[] encode(String value, VR vr, boolean[] lossy) {
        if (vr != null && !vr.usesCharacterSet() && this != DEFAULT) {
            return DEFAULT.encode(value, null, lossy);
        }
        if (initialG0 == Designation.ASCII && isAscii(value)) {
            return value.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (whole != null) {
            CharsetEncoder enc = whole.newEncoder();
            if (lossy != null && !enc.canEncode(value)) {
                lossy[0] = true;
            }
            return value.getBytes(whole);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() * 2 + 8);
        CharsetEncoder[] encoders = new CharsetEncoder[Designation.values().length];
        Designation g0 = initialG0;
        Designation g1 = initialG1;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (resetsAt(c, vr)) {
                restoreInitial(out, g0, g1);
                g0 = initialG0;
                g1 = initialG1;
                out.write(c);
                continue;
            }
            Designation d = null;
            byte[] code = null;
            for (Designation cand : candidates) {
                code = cand.encode(c, encoders);
                // 05/12 is YEN SIGN in JIS X 0201 Romaji, but the value delimiter in multi-valued VRs
                if (code != null
                        && !(cand == Designation.JIS_ROMAN && code[0] == '\\' && resetsAt('\\', vr))) {
                    d = cand;
                    break;
                }
            }
            if (d == null) {
                if (lossy != null) {
                    lossy[0] = true;
                }
                d = initialG0;
                code = new byte[] {'?'};
            }
            if (d.g1 ? d != g1 : d != g0) {
                out.writeBytes(d.escape());
                if (d.g1) {
                    g1 = d;
                } else {
                    g0 = d;
                }
            }
            out.writeBytes(code);
        }
        restoreInitial(out, g0, g1);
        return out.toByteArray();
    }

    private void restoreInitial(ByteArrayOutputStream out, Designation g0, Designation g1) {
        if (g0 != initialG0) {
            out.writeBytes(initialG0.escape());
        }
        if (initialG1 != null && g1 != initialG1) {
            out.writeBytes(initialG1.escape());
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == Designation.ESC) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return values.length == 0 ? "ISO_IR 6 (default)" : String.join("\\", values);
    }
}
