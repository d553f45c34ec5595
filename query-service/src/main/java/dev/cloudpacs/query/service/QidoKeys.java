package dev.cloudpacs.query.service;

import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;

import java.math.BigInteger;
import java.util.Set;

/**
 * The attribute names and values of a QIDO-RS search (PS3.18 8.3.4): {@code Keyword}, {@code GGGGEEEE}
 * or a dotted sequence path, each checked before it reaches the matching engine, so every bad parameter
 * is a 400 that names it. Only standard attributes that can hold a matchable value are keys: private
 * and unknown ones, group lengths, command and file meta elements, and bulk data (OB, OW, UN...) are
 * refused, as PS3.18 lets an origin server do for attributes it does not support.
 */
final class QidoKeys {
    private static final Set<VR> BULK = Set.of(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.UN);
    private static final BigInteger UV_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private QidoKeys() {
    }

    /** The tags of {@code name} ("what" says which parameter it came from, for the message). */
    static int[] path(String name, String what) throws QidoService.BadRequest {
        if (name.isBlank()) {
            throw new QidoService.BadRequest(what + ": empty attribute name");
        }
        String[] parts = name.split("\\.", -1);
        int[] tags = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            tags[i] = tag(parts[i], name, what);
            VR vr = ElementDictionary.vrOf(tags[i]);
            if (i < parts.length - 1 && vr != VR.SQ) {
                throw new QidoService.BadRequest(what + " '" + printable(name) + "': " + Tags.toString(tags[i])
                        + " is not a sequence attribute");
            }
            if (BULK.contains(vr)) {
                throw new QidoService.BadRequest(what + " '" + printable(name) + "': " + label(tags[i])
                        + " holds bulk data (" + vr + ") and cannot be a query key or an includefield");
            }
        }
        return tags;
    }

    private static int tag(String s, String name, String what) throws QidoService.BadRequest {
        int tag;
        if (s.length() == 8 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            tag = (int) Long.parseLong(s, 16);
        } else {
            tag = s.isEmpty() ? -1 : ElementDictionary.tagOf(s);
            if (tag == -1) {
                throw new QidoService.BadRequest(what + ": unknown attribute '" + printable(name)
                        + "': use a DICOM keyword (PatientID) or a tag (00100020)");
            }
        }
        int group = tag >>> 16;
        if ((group & 1) == 1 || ElementDictionary.keywordOf(tag) == null) {
            throw new QidoService.BadRequest(what + " '" + printable(name) + "': " + Tags.toString(tag)
                    + " is a private or unknown attribute, which this archive does not search");
        }
        if ((tag & 0xFFFF) == 0 || group == 0x0000 || group == 0x0002 || group == 0xFFFE) {
            throw new QidoService.BadRequest(what + " '" + printable(name) + "': " + label(tag)
                    + " is not an attribute of the stored data sets");
        }
        return tag;
    }

    /**
     * Checks a match value against its VR where the VR is numeric (PS3.5 Table 6.2-1); text, date and
     * time values are checked by the matching engine. An empty value (universal match) is always fine.
     */
    static void checkValue(int tag, String value, String param) throws QidoService.BadRequest {
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.SQ) {
            if (!value.isEmpty()) {
                throw new QidoService.BadRequest(param + ": " + label(tag)
                        + " is a sequence; match on an attribute inside it (" + ElementDictionary.keywordOf(tag)
                        + ".Keyword=value)");
            }
            return;
        }
        for (String v : value.split("\\\\", -1)) {
            String t = v.strip();
            if (t.isEmpty()) {
                continue;
            }
            String expected = expected(vr, t);
            if (expected != null) {
                throw new QidoService.BadRequest(param + ": '" + printable(v) + "' is not " + expected + " ("
                        + label(tag) + " is " + vr + ")");
            }
        }
    }

    /** What the value should have been, or null when it is fine. */
    private static String expected(VR vr, String v) {
        try {
            switch (vr) {
                case US -> {
                    return inRange(new BigInteger(v), 0, 65_535) ? null : "an integer from 0 to 65535";
                }
                case SS -> {
                    return inRange(new BigInteger(v), -32_768, 32_767) ? null : "an integer from -32768 to 32767";
                }
                case UL -> {
                    return inRange(new BigInteger(v), 0, 4_294_967_295L) ? null : "an integer from 0 to 4294967295";
                }
                case SL -> {
                    return inRange(new BigInteger(v), Integer.MIN_VALUE, Integer.MAX_VALUE) ? null
                            : "a 32-bit signed integer";
                }
                case SV -> {
                    Long.parseLong(v);
                    return null;
                }
                case UV -> {
                    BigInteger b = new BigInteger(v);
                    return b.signum() >= 0 && b.compareTo(UV_MAX) <= 0 ? null : "a 64-bit unsigned integer";
                }
                case IS -> {
                    Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
                    return v.length() <= 12 ? null : "an integer string of at most 12 characters";
                }
                case DS, FL, FD -> {
                    double d = Double.parseDouble(v);
                    return Double.isFinite(d) && (vr != VR.DS || v.length() <= 16) ? null : "a decimal number";
                }
                case AT -> {
                    return v.length() == 8 && v.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? null
                            : "a tag of 8 hexadecimal digits";
                }
                default -> {
                    return null;
                }
            }
        } catch (NumberFormatException e) {
            return switch (vr) {
                case US, SS, UL, SL, SV, UV, IS -> "an integer";
                default -> "a decimal number";
            };
        }
    }

    private static boolean inRange(BigInteger b, long min, long max) {
        return b.compareTo(BigInteger.valueOf(min)) >= 0 && b.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    private static String label(int tag) {
        String kw = ElementDictionary.keywordOf(tag);
        return kw == null ? Tags.toString(tag) : kw + " " + Tags.toString(tag);
    }

    /** The given text for a message: at most 64 characters, non-printables as '?'. */
    static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
