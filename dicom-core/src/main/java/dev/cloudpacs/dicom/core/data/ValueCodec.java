package dev.cloudpacs.dicom.core.data;

import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;

/**
 * Converts raw value bytes to and from Java values according to the VR (PS3.5 section 6.2): string
 * decoding with the character set, backslash-separated multiple values, the VR's trimming rules,
 * and fixed-size binary numbers in either byte order.
 */
final class ValueCodec {
    private static final String[] NO_STRINGS = new String[0];

    private ValueCodec() {
    }

    /** Decodes the whole value as text (no splitting or trimming). */
    static String decodeText(DataSet ds, VR vr, byte[] b) {
        if (vr.usesCharacterSet()) {
            return ds.characterSet().decode(b, 0, b.length, vr);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static String[] toStrings(DataSet ds, VR vr, Object value) {
        if (!(value instanceof byte[] b)) {
            return null;
        }
        if (b.length == 0) {
            return NO_STRINGS;
        }
        boolean be = ds.bigEndian();
        switch (vr.kind()) {
            case ASCII, TEXT -> {
                String text = decodeText(ds, vr, b);
                if (!vr.multiValued()) {
                    String t = trim(vr, text);
                    return new String[] {t};
                }
                String[] parts = split(text);
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = trim(vr, parts[i]);
                }
                return parts;
            }
            case INT -> {
                long[] l = toLongs(ds, vr, b);
                String[] s = new String[l.length];
                for (int i = 0; i < l.length; i++) {
                    s[i] = vr == VR.UV ? Long.toUnsignedString(l[i]) : Long.toString(l[i]);
                }
                return s;
            }
            case FLOAT -> {
                double[] d = toDoubles(ds, vr, b);
                String[] s = new String[d.length];
                for (int i = 0; i < d.length; i++) {
                    s[i] = vr == VR.FL ? Float.toString((float) d[i]) : Double.toString(d[i]);
                }
                return s;
            }
            case TAG -> {
                String[] s = new String[b.length / 4];
                for (int i = 0; i < s.length; i++) {
                    s[i] = Tags.toString(Tags.of(ByteOrders.u16(b, i * 4, be), ByteOrders.u16(b, i * 4 + 2, be)));
                }
                return s;
            }
            default -> {
                return null;
            }
        }
    }

    private static String[] split(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                n++;
            }
        }
        if (n == 1) {
            return new String[] {text};
        }
        String[] out = new String[n];
        int start = 0;
        int k = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                out[k++] = text.substring(start, i);
                start = i + 1;
            }
        }
        out[k] = text.substring(start);
        return out;
    }

    /**
     * Removes insignificant padding: trailing spaces (and NULs, which some writers use) for every string
     * VR, leading spaces too except for the free-text VRs (ST, LT, UT, UC, UR) where they are significant.
     */
    static String trim(VR vr, String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (vr != VR.ST && vr != VR.LT && vr != VR.UT && vr != VR.UC && vr != VR.UR) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    static long[] toLongs(DataSet ds, VR vr, Object value) {
        if (!(value instanceof byte[] b)) {
            return null;
        }
        boolean be = ds.bigEndian();
        switch (vr.kind()) {
            case TAG -> {
                // An AT value is a (group, element) pair of 16-bit numbers: one tag per 4 bytes.
                long[] out = new long[b.length / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ((long) ByteOrders.u16(b, i * 4, be) << 16) | ByteOrders.u16(b, i * 4 + 2, be);
                }
                return out;
            }
            case INT -> {
                int unit = vr.unitSize();
                long[] out = new long[b.length / unit];
                for (int i = 0; i < out.length; i++) {
                    int off = i * unit;
                    out[i] = switch (vr) {
                        case US -> ByteOrders.u16(b, off, be);
                        case SS -> (short) ByteOrders.u16(b, off, be);
                        case UL -> ByteOrders.i32(b, off, be) & 0xFFFFFFFFL;
                        case SL -> ByteOrders.i32(b, off, be);
                        default -> ByteOrders.i64(b, off, be);
                    };
                }
                return out;
            }
            case ASCII, FLOAT -> {
                double[] d = toDoubles(ds, vr, b);
                long[] out = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = (long) d[i];
                }
                return out;
            }
            default -> {
                return null;
            }
        }
    }

    static int[] toInts(DataSet ds, VR vr, Object value) {
        long[] l = toLongs(ds, vr, value);
        if (l == null) {
            return null;
        }
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }

    static double[] toDoubles(DataSet ds, VR vr, Object value) {
        if (!(value instanceof byte[] b)) {
            return null;
        }
        boolean be = ds.bigEndian();
        if (vr == VR.FL || vr == VR.OF) {
            double[] out = new double[b.length / 4];
            for (int i = 0; i < out.length; i++) {
                out[i] = Float.intBitsToFloat(ByteOrders.i32(b, i * 4, be));
            }
            return out;
        }
        if (vr == VR.FD || vr == VR.OD) {
            double[] out = new double[b.length / 8];
            for (int i = 0; i < out.length; i++) {
                out[i] = Double.longBitsToDouble(ByteOrders.i64(b, i * 8, be));
            }
            return out;
        }
        if (vr.kind() == VR.Kind.INT) {
            long[] l = toLongs(ds, vr, b);
            double[] out = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = vr == VR.UV && l[i] < 0 ? Double.parseDouble(Long.toUnsignedString(l[i])) : l[i];
            }
            return out;
        }
        if (vr == VR.DS || vr == VR.IS) {
            String[] s = toStrings(ds, vr, b);
            double[] out = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                try {
                    out[i] = s[i].isEmpty() ? Double.NaN : Double.parseDouble(s[i]);
                } catch (NumberFormatException e) {
                    throw new NumberFormatException("invalid " + vr + " value '" + s[i] + "'");
                }
            }
            return out;
        }
        return null;
    }

    static byte[] encodeStrings(DataSet ds, VR vr, String... values) {
        if (values == null || values.length == 0) {
            return DataSet.EMPTY;
        }
        switch (vr.kind()) {
            case ASCII, TEXT -> {
                String joined = values.length == 1 ? values[0] : String.join("\\", values);
                byte[] b = vr.usesCharacterSet()
                        ? ds.characterSet().encode(joined, vr)
                        : joined.getBytes(StandardCharsets.ISO_8859_1);
                return padEven(b, vr.padding());
            }
            case INT, TAG -> {
                long[] l = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    l[i] = vr == VR.AT ? Tags.parse(values[i]) & 0xFFFFFFFFL : Long.parseLong(values[i].trim());
                }
                return encodeLongs(ds, vr, l);
            }
            case FLOAT -> {
                double[] d = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    d[i] = Double.parseDouble(values[i].trim());
                }
                return encodeDoubles(ds, vr, d);
            }
            default -> throw new IllegalArgumentException("cannot set " + vr + " from strings");
        }
    }

    static byte[] encodeLongs(DataSet ds, VR vr, long... v) {
        boolean be = ds.bigEndian();
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                s[i] = Long.toString(v[i]);
            }
            return encodeStrings(ds, vr, s);
        }
        if (vr == VR.AT) {
            byte[] b = new byte[v.length * 4];
            for (int i = 0; i < v.length; i++) {
                ByteOrders.put16(b, i * 4, (int) (v[i] >>> 16), be);
                ByteOrders.put16(b, i * 4 + 2, (int) v[i], be);
            }
            return b;
        }
        if (vr.kind() != VR.Kind.INT && vr != VR.OW && vr != VR.OL && vr != VR.OV && vr != VR.OB) {
            throw new IllegalArgumentException("cannot set " + vr + " from integers");
        }
        int unit = vr.unitSize();
        byte[] b = new byte[v.length * unit];
        for (int i = 0; i < v.length; i++) {
            switch (unit) {
                case 1 -> b[i] = (byte) v[i];
                case 2 -> ByteOrders.put16(b, i * 2, (int) v[i], be);
                case 4 -> ByteOrders.put32(b, i * 4, (int) v[i], be);
                default -> ByteOrders.put64(b, i * 8, v[i], be);
            }
        }
        return padEven(b, (byte) 0);
    }

    static byte[] encodeDoubles(DataSet ds, VR vr, double... v) {
        boolean be = ds.bigEndian();
        switch (vr) {
            case FL, OF -> {
                byte[] b = new byte[v.length * 4];
                for (int i = 0; i < v.length; i++) {
                    ByteOrders.put32(b, i * 4, Float.floatToIntBits((float) v[i]), be);
                }
                return b;
            }
            case FD, OD -> {
                byte[] b = new byte[v.length * 8];
                for (int i = 0; i < v.length; i++) {
                    ByteOrders.put64(b, i * 8, Double.doubleToLongBits(v[i]), be);
                }
                return b;
            }
            case DS -> {
                String[] s = new String[v.length];
                for (int i = 0; i < v.length; i++) {
                    s[i] = formatDS(v[i]);
                }
                return encodeStrings(ds, vr, s);
            }
            default -> {
                long[] l = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    l[i] = Math.round(v[i]);
                }
                return encodeLongs(ds, vr, l);
            }
        }
    }

    /** Formats a decimal string of at most 16 characters, PS3.5 Table 6.2-1 (DS). */
    static String formatDS(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        for (int digits = 15; s.length() > 16 && digits > 0; digits--) {
            s = new BigDecimal(d).round(new MathContext(digits)).stripTrailingZeros().toString();
        }
        return s;
    }

    static byte[] padEven(byte[] b, byte pad) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = new byte[b.length + 1];
        System.arraycopy(b, 0, p, 0, b.length);
        p[b.length] = pad;
        return p;
    }
}
