package dev.cloudpacs.dicom.core.json;

import dev.cloudpacs.dicom.core.VR;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.regex.Pattern;

/** Conversions between DICOM numeric values and JSON numbers, shared by the reader and the writer. */
final class JsonNumbers {
    /** The number grammar of RFC 8259 section 6. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    /** Decimal text as DICOM writes it (DS syntax), for numbers that arrive as strings. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    /** 2^53: integers up to this magnitude survive a trip through an IEEE 754 double. */
    static final long MAX_EXACT_DOUBLE = 1L << 53;
    private static final BigInteger MAX_UV = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonNumbers() {
    }

    /**
     * True when an IS or DS value can be written as a JSON number without changing it: its text is a
     * valid JSON number (DICOM also allows "+1", ".5", "1." and leading zeros, JSON does not) and a
     * consumer parsing it as a double gets the same decimal value back. The text is then written
     * verbatim, so trailing zeros such as "1.50" survive a round trip through this toolkit.
     */
    static boolean isExactJsonNumber(String text) {
        if (!JSON_NUMBER.matcher(text).matches()) {
            return false;
        }
        double d = Double.parseDouble(text);
        return !Double.isInfinite(d) && new BigDecimal(Double.toString(d)).compareTo(new BigDecimal(text)) == 0;
    }

    /** A JSON number as a DS value of at most 16 characters (PS3.5 Table 6.2-1), rounding if longer. */
    static String toDS(String text) {
        if (text.length() <= 16) {
            return text;
        }
        BigDecimal bd = new BigDecimal(text);
        for (int digits = 16; digits > 0; digits--) {
            BigDecimal r = bd.round(new MathContext(digits)).stripTrailingZeros();
            String s = r.toString();
            if (Math.abs(r.scale()) < 20) {
                String plain = r.toPlainString();
                s = plain.length() <= s.length() ? plain : s;
            }
            if (s.length() <= 16) {
                return s;
            }
        }
        return bd.signum() == 0 ? "0" : bd.round(new MathContext(1)).toString();
    }

    /**
     * A JSON number as an IS value: must be integral (1, 1.0 and 1E2 are accepted) and fit the 12
     * characters of IS. Returns null when it does not.
     */
    static String toIS(String text) {
        BigInteger v = integerOrNull(text);
        if (v == null) {
            return null;
        }
        String s = v.toString();
        return s.length() <= 12 ? s : null;
    }

    /**
     * Parses the text of a JSON number or string as an integer of a binary integer VR (US, SS, UL, SL,
     * SV, UV), checking its range; UV values above 2^63-1 come back as their two's complement.
     *
     * @return the value, or null when the text is not an integer in range
     */
    static Long toBinaryInteger(String text, VR vr) {
        BigInteger v = integerOrNull(text.trim());
        if (v == null) {
            return null;
        }
        boolean ok = switch (vr) {
            case US -> v.signum() >= 0 && v.bitLength() <= 16;
            case UL -> v.signum() >= 0 && v.bitLength() <= 32;
            case UV -> v.signum() >= 0 && v.compareTo(MAX_UV) <= 0;
            case SS -> v.bitLength() <= 15;
            case SL -> v.bitLength() <= 31;
            default -> v.bitLength() <= 63;
        };
        return ok ? v.longValue() : null;
    }

    private static BigInteger integerOrNull(String text) {
        try {
            BigDecimal bd = new BigDecimal(text);
            // Guard against "1e999999999": it is a valid JSON number but would expand to a billion digits.
            if (bd.precision() - bd.scale() > 40) {
                return null;
            }
            return bd.toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * Parses FL/FD text: a decimal number, or "NaN", "Infinity" and "-Infinity", which writers put in
     * strings because JSON numbers cannot carry them. Returns null for anything else.
     */
    static Double toDouble(String text) {
        String t = text.trim();
        return switch (t) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> DECIMAL.matcher(t).matches() ? Double.valueOf(t) : null;
        };
    }
}
