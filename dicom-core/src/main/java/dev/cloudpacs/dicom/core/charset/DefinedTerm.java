package dev.cloudpacs.dicom.core.charset;

import static dev.cloudpacs.dicom.core.charset.Designation.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Defined Terms of Specific Character Set (0008,0005), PS3.3 section C.12.1.1.2: Table C.12-2
 * (single-byte, no code extensions), Table C.12-3 (single-byte, with code extensions), Table C.12-4
 * (multi-byte, with code extensions) and Table C.12-5 (multi-byte, no code extensions).
 *
 * <p>Each term names what it designates into G0 and G1 ({@link Designation}) or, for the terms that
 * do not allow code extensions (UTF-8, GB 18030, GBK), the JDK charset of the whole value.
 */
enum DefinedTerm {
    // term without code extensions, term with code extensions, G0, G1
    IR_6("ISO_IR 6", "ISO 2022 IR 6", ASCII, null), // default repertoire; "ISO_IR 6" is a common alias
    IR_100("ISO_IR 100", "ISO 2022 IR 100", ASCII, LATIN1),
    IR_101("ISO_IR 101", "ISO 2022 IR 101", ASCII, LATIN2),
    IR_109("ISO_IR 109", "ISO 2022 IR 109", ASCII, LATIN3),
    IR_110("ISO_IR 110", "ISO 2022 IR 110", ASCII, LATIN4),
    IR_144("ISO_IR 144", "ISO 2022 IR 144", ASCII, CYRILLIC),
    IR_127("ISO_IR 127", "ISO 2022 IR 127", ASCII, ARABIC),
    IR_126("ISO_IR 126", "ISO 2022 IR 126", ASCII, GREEK),
    IR_138("ISO_IR 138", "ISO 2022 IR 138", ASCII, HEBREW),
    IR_148("ISO_IR 148", "ISO 2022 IR 148", ASCII, LATIN5),
    IR_203("ISO_IR 203", "ISO 2022 IR 203", ASCII, LATIN9),
    IR_13("ISO_IR 13", "ISO 2022 IR 13", JIS_ROMAN, JIS_KATAKANA),
    IR_166("ISO_IR 166", "ISO 2022 IR 166", ASCII, THAI),
    IR_87(null, "ISO 2022 IR 87", JIS_X0208, null),
    IR_159(null, "ISO 2022 IR 159", JIS_X0212, null),
    IR_149(null, "ISO 2022 IR 149", null, KS_X1001),
    IR_58(null, "ISO 2022 IR 58", null, GB2312),
    IR_192("ISO_IR 192", StandardCharsets.UTF_8),
    GB_18030("GB18030", lookup("GB18030")),
    GBK("GBK", lookup("GBK"));

    final String plain;
    final String extended;
    final Designation g0;
    final Designation g1;
    /** Charset of the whole value for terms without code extensions and multi-byte codes, else null. */
    final Charset whole;

    DefinedTerm(String plain, String extended, Designation g0, Designation g1) {
        this.plain = plain;
        this.extended = extended;
        this.g0 = g0;
        this.g1 = g1;
        this.whole = null;
    }

    DefinedTerm(String plain, Charset whole) {
        this.plain = plain;
        this.extended = null;
        this.g0 = null;
        this.g1 = null;
        this.whole = whole;
    }

    private static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final Map<String, DefinedTerm> BY_NAME = new HashMap<>();

    static {
        for (DefinedTerm t : values()) {
            boolean ok = t.whole != null
                    || (t.g0 == null || t.g0.available()) && (t.g1 == null || t.g1.available());
            if (!ok) {
                continue; // charset missing from this runtime: the term stays unknown
            }
            if (t.plain != null) {
                BY_NAME.put(t.plain, t);
            }
            if (t.extended != null) {
                BY_NAME.put(t.extended, t);
            }
        }
    }

    /**
     * The term for a value of (0008,0005), trimmed; case is ignored. Both the "ISO_IR n" and the
     * "ISO 2022 IR n" spelling of a single-byte set name the same term (files often write
     * "ISO_IR 13\ISO 2022 IR 87"); whether escapes are honoured does not depend on the spelling.
     */
    static DefinedTerm of(String value) {
        return BY_NAME.get(value.toUpperCase(Locale.ROOT));
    }

    /** True for the multi-byte terms that only apply as value 2 or later (Table C.12-4). */
    boolean multiByteExtension() {
        return whole == null && (g0 == null || !g0.singleByteG0());
    }
}
