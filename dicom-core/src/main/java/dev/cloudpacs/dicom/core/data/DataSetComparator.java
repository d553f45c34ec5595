package dev.cloudpacs.dicom.core.data;

import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Compares two data sets element by element, independent of byte order, padding and whether values
 * sit in memory or in a file. Used by round-trip checks ("read, write, read gives the same data set").
 */
public final class DataSetComparator {
    private DataSetComparator() {
    }

    /** A description of the first difference, or null when both data sets hold the same content. */
    public static String firstDifference(DataSet a, DataSet b) {
        return compare(a, b, "");
    }

    private static String compare(DataSet a, DataSet b, String path) {
        // Group length elements are an encoding detail (retired, recomputed by writers): not content.
        int i = 0;
        int j = 0;
        while (true) {
            i = skipGroupLengths(a, i);
            j = skipGroupLengths(b, j);
            if (i == a.size() || j == b.size()) {
                break;
            }
            int ta = a.tagAt(i);
            int tb = b.tagAt(j);
            String where = path + Tags.toString(ta);
            if (ta != tb) {
                return path + "element " + i + ": " + Tags.toString(ta) + " vs " + Tags.toString(tb);
            }
            if (a.vrAt(i) != b.vrAt(j)) {
                return where + ": VR " + a.vrAt(i) + " vs " + b.vrAt(j);
            }
            String d = compareValues(a, i, b, j, where);
            if (d != null) {
                return d;
            }
            i++;
            j++;
        }
        if (i < a.size()) {
            return path + "extra element " + Tags.toString(a.tagAt(i)) + " in first";
        }
        if (j < b.size()) {
            return path + "extra element " + Tags.toString(b.tagAt(j)) + " in second";
        }
        return null;
    }

    private static int skipGroupLengths(DataSet ds, int from) {
        int k = from;
        while (k < ds.size() && Tags.isGroupLength(ds.tagAt(k))) {
            k++;
        }
        return k;
    }

    private static String compareValues(DataSet a, int i, DataSet b, int j, String where) {
        Object va = a.valueAt(i);
        Object vb = b.valueAt(j);
        VR vr = a.vrAt(i);
        if (va instanceof Sequence sa) {
            if (!(vb instanceof Sequence sb)) {
                return where + ": sequence vs " + vb.getClass().getSimpleName();
            }
            if (sa.size() != sb.size()) {
                return where + ": " + sa.size() + " items vs " + sb.size();
            }
            for (int k = 0; k < sa.size(); k++) {
                String d = compare(sa.get(k), sb.get(k), where + "[" + k + "].");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (va instanceof Fragments fa) {
            if (!(vb instanceof Fragments fb) || fa.size() != fb.size()) {
                return where + ": fragments differ in count";
            }
            for (int k = 0; k < fa.size(); k++) {
                try {
                    if (!Arrays.equals(fa.bytes(k), fb.bytes(k))) {
                        return where + ": fragment " + k + " differs";
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return null;
        }
        if (vb instanceof Sequence || vb instanceof Fragments) {
            return where + ": value kinds differ";
        }
        if (vr.isString()) {
            String[] sa = ValueCodec.toStrings(a, vr, bytesOf(va));
            String[] sb = ValueCodec.toStrings(b, vr, bytesOf(vb));
            return Arrays.equals(sa, sb) ? null
                    : where + ": " + Arrays.toString(sa) + " vs " + Arrays.toString(sb);
        }
        byte[] ba = littleEndian(bytesOf(va), a.bigEndian(), vr);
        byte[] bb = littleEndian(bytesOf(vb), b.bigEndian(), vr);
        // An odd-length binary value is padded with one NUL when written.
        if (!Arrays.equals(ba, bb) && !Arrays.equals(padded(ba), padded(bb))) {
            return where + ": binary values differ (" + ba.length + " vs " + bb.length + " bytes)";
        }
        return null;
    }

    private static byte[] bytesOf(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        try {
            return ((BulkData) Objects.requireNonNull(v)).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] littleEndian(byte[] b, boolean bigEndian, VR vr) {
        if (!bigEndian || !vr.needsByteSwap()) {
            return b;
        }
        byte[] c = b.clone();
        ByteOrders.swap(c, 0, c.length, vr.unitSize());
        return c;
    }

    private static byte[] padded(byte[] b) {
        return ValueCodec.padEven(b, (byte) 0);
    }
}
