package dev.cloudpacs.dicom.core.interop;

import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.ByteOrders;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.data.Sequence;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks that dcmdump's view of a file and our parsed data set agree element by element: nesting,
 * tag, VR, length, VM and value (strings byte for byte, numbers by value, binary values as hex).
 */
final class DumpComparison {
    private DumpComparison() {
    }

    static void assertAgrees(String name, List<DumpLine> dump, DataSet ours) throws IOException {
        List<DumpLine> theirs = new ArrayList<>();
        for (DumpLine l : dump) {
            if (!l.isSynthetic()) {
                theirs.add(l);
            }
        }
        List<Line> mine = new ArrayList<>();
        flatten(ours, 0, mine);
        int n = Math.min(theirs.size(), mine.size());
        for (int i = 0; i < n; i++) {
            compare(name, theirs.get(i), mine.get(i));
        }
        assertEquals(theirs.size(), mine.size(), name + ": number of lines (elements, items, delimiters)");
    }

    /** One of our elements in dcmdump's flattened form. */
    private record Line(int depth, int tag, String vr, long length, DataSet owner, Object value, int count) {
    }

    private static void flatten(DataSet ds, int depth, List<Line> out) {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            Object v = ds.valueAt(i);
            if (v instanceof Sequence seq) {
                out.add(new Line(depth, tag, "SQ", seq.undefinedLength() ? -1 : -2, ds, v, seq.size()));
                for (DataSet item : seq) {
                    out.add(new Line(depth + 1, Tags.ITEM, "na", item.itemLength(), item, null, item.size()));
                    flatten(item, depth + 2, out);
                    if (item.itemLength() < 0) {
                        out.add(new Line(depth + 1, Tags.ITEM_DELIMITATION, "na", 0, item, null, 0));
                    }
                }
                if (seq.undefinedLength()) {
                    out.add(new Line(depth, Tags.SEQUENCE_DELIMITATION, "na", 0, ds, null, 0));
                }
            } else if (v instanceof Fragments frags) {
                out.add(new Line(depth, tag, ds.vrAt(i).name(), -1, ds, v, frags.size()));
                for (int k = 0; k < frags.size(); k++) {
                    out.add(new Line(depth + 1, Tags.ITEM, "pi", frags.length(k), ds, frags.get(k), 1));
                }
                out.add(new Line(depth, Tags.SEQUENCE_DELIMITATION, "na", 0, ds, null, 0));
            } else {
                out.add(new Line(depth, tag, ds.vrAt(i).name(), ds.valueLength(i), ds, v, 0));
            }
        }
    }

    private static void compare(String file, DumpLine t, Line m) throws IOException {
        String where = file + " " + t.tagString() + " (line: " + t.rawLine().trim() + ")";
        assertEquals(t.tag(), m.tag(), where + ": tag");
        assertEquals(t.depth(), m.depth(), where + ": nesting depth");
        String theirVr = "??".equals(t.vr()) ? "UN" : t.vr();
        assertEquals(theirVr, m.vr(), where + ": VR");
        if (t.isItem() || "SQ".equals(t.vr())) {
            assertEquals(t.undefinedLength(), m.length() == -1, where + ": undefined length");
            if (t.isItem() && !t.undefinedLength()) {
                assertEquals(t.length(), m.length(), where + ": item length");
            }
            if (t.childCount() >= 0 && !"pi".equals(t.vr())) {
                assertEquals(t.childCount(), m.count(), where + ": number of items/elements");
            }
            return;
        }
        if (t.isDelimitation()) {
            return;
        }
        assertEquals(t.length(), m.length(), where + ": length");
        if (t.length() == 0 || m.value() instanceof Fragments) {
            return;
        }
        byte[] raw = m.value() instanceof BulkData bd ? bd.readAll() : (byte[]) m.value();
        VR vr = VR.of(m.vr());
        switch (vr.kind()) {
            case ASCII, TEXT -> assertEquals(t.value(), new String(raw, StandardCharsets.ISO_8859_1), where + ": value");
            case INT, FLOAT -> assertNumbers(where, t.value(), m.owner().getStrings(m.tag()), vr);
            case TAG -> assertEquals(t.value().toUpperCase(), String.join("\\", m.owner().getStrings(m.tag())),
                    where + ": value");
            default -> assertBinary(where, t.value(), raw, vr, m.owner().bigEndian());
        }
    }

    private static void assertNumbers(String where, String theirs, String[] ours, VR vr) {
        String[] t = theirs.split("\\\\");
        assertEquals(t.length, ours.length, where + ": number of values");
        for (int k = 0; k < t.length; k++) {
            BigDecimal a = new BigDecimal(t[k].trim());
            BigDecimal b = new BigDecimal(ours[k]);
            if (vr == VR.FL || vr == VR.FD) {
                double tolerance = Math.max(1e-6, Math.abs(a.doubleValue()) * 1e-6);
                assertTrue(Math.abs(a.doubleValue() - b.doubleValue()) <= tolerance, where + ": value " + k);
            } else {
                assertEquals(0, a.compareTo(b), where + ": value " + k + " " + a + " vs " + b);
            }
        }
    }

    /** dcmdump prints OB/UN as hex bytes, OW as hex words, OF/OD/OL/OV as numbers. */
    private static void assertBinary(String where, String theirs, byte[] raw, VR vr, boolean bigEndian) {
        String[] t = theirs.split("\\\\");
        switch (vr) {
            case OB, UN -> {
                assertEquals(raw.length, t.length, where + ": byte count");
                for (int k = 0; k < raw.length; k++) {
                    assertEquals(Integer.parseInt(t[k], 16), raw[k] & 0xff, where + ": byte " + k);
                }
            }
            case OW -> {
                assertEquals(raw.length / 2, t.length, where + ": word count");
                for (int k = 0; k < t.length; k++) {
                    assertEquals(Integer.parseInt(t[k], 16), ByteOrders.u16(raw, 2 * k, bigEndian), where + ": word " + k);
                }
            }
            case OF, OD, OL, OV -> {
                int unit = vr.unitSize();
                assertEquals(raw.length / unit, t.length, where + ": value count");
                for (int k = 0; k < t.length; k++) {
                    BigDecimal ours = switch (vr) {
                        case OF -> BigDecimal.valueOf(Float.intBitsToFloat(ByteOrders.i32(raw, 4 * k, bigEndian)));
                        case OD -> BigDecimal.valueOf(Double.longBitsToDouble(ByteOrders.i64(raw, 8 * k, bigEndian)));
                        case OL -> BigDecimal.valueOf(ByteOrders.i32(raw, 4 * k, bigEndian) & 0xFFFFFFFFL);
                        default -> new BigDecimal(Long.toUnsignedString(ByteOrders.i64(raw, 8 * k, bigEndian)));
                    };
                    BigDecimal their = new BigDecimal(t[k].trim());
                    assertEquals(0, their.compareTo(ours), where + ": value " + k + " " + their + " vs " + ours);
                }
            }
            default -> fail(where + ": unexpected VR " + vr);
        }
    }
}
