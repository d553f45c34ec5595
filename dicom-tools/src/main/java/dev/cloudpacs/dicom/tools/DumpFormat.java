package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.ByteOrders;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.dict.DictionaryEntry;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import dev.cloudpacs.dicom.core.dict.UidRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Prints a data set one element per line in the layout DCMTK's dcmdump uses, so people who know that
 * tool read ours at a glance: {@code (gggg,eeee) VR value  # length, VM Keyword}, items and sequences
 * indented two spaces per level.
 */
final class DumpFormat {
    private static final int VALUE_WIDTH = 40;
    private static final int MAX_VALUE = 64;

    private final PrintStream out;
    private final boolean printAll;
    private final boolean uidNames;

    DumpFormat(PrintStream out, boolean printAll, boolean uidNames) {
        this.out = out;
        this.printAll = printAll;
        this.uidNames = uidNames;
    }

    void print(DataSet ds, int depth) throws IOException {
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            VR vr = ds.vrAt(i);
            Object v = ds.valueAt(i);
            if (v instanceof Sequence seq) {
                printSequence(tag, seq, depth);
            } else if (v instanceof Fragments frags) {
                printFragments(tag, vr, frags, depth);
            } else {
                long len = ds.valueLength(i);
                line(depth, tag, vr.name(), valueText(ds, i), Long.toString(len), vm(ds, i), keyword(ds, tag));
            }
        }
    }

    private void printSequence(int tag, Sequence seq, int depth) throws IOException {
        String kind = seq.undefinedLength() ? "undefined" : "explicit";
        line(depth, tag, "SQ", "(Sequence with " + kind + " length #=" + seq.size() + ")",
                seq.undefinedLength() ? "u/l" : seq.length() >= 0 ? Long.toString(seq.length()) : "-", 1,
                ElementDictionary.keywordOf(tag));
        for (DataSet item : seq) {
            boolean undefinedItem = item.itemLength() < 0;
            line(depth + 1, Tags.ITEM, "na", "(Item with " + (undefinedItem ? "undefined" : "explicit") + " length #="
                    + item.size() + ")", undefinedItem ? "u/l" : Long.toString(item.itemLength()), 1, "Item");
            print(item, depth + 2);
            if (undefinedItem) {
                line(depth + 1, Tags.ITEM_DELIMITATION, "na", "(ItemDelimitationItem)", "0", 0, "ItemDelimitationItem");
            }
        }
        if (seq.undefinedLength()) {
            line(depth, Tags.SEQUENCE_DELIMITATION, "na", "(SequenceDelimitationItem)", "0", 0,
                    "SequenceDelimitationItem");
        }
    }

    private void printFragments(int tag, VR vr, Fragments frags, int depth) throws IOException {
        line(depth, tag, vr.name(), "(PixelSequence #=" + frags.size() + ")", "u/l", 1, ElementDictionary.keywordOf(tag));
        for (int k = 0; k < frags.size(); k++) {
            byte[] head = prefix(frags.get(k), printAll ? Integer.MAX_VALUE : MAX_VALUE);
            line(depth + 1, Tags.ITEM, "pi", hexBytes(head, frags.length(k)), Long.toString(frags.length(k)), 1, "Item");
        }
        line(depth, Tags.SEQUENCE_DELIMITATION, "na", "(SequenceDelimitationItem)", "0", 0, "SequenceDelimitationItem");
    }

    private void line(int depth, int tag, String vr, String value, String length, int vm, String keyword) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("  ".repeat(depth)).append(Tags.toString(tag).toLowerCase()).append(' ').append(vr).append(' ');
        String v = value;
        if (!printAll && v.length() > MAX_VALUE) {
            v = v.substring(0, MAX_VALUE) + "...";
        }
        sb.append(v);
        for (int pad = v.length(); pad < VALUE_WIDTH; pad++) {
            sb.append(' ');
        }
        sb.append(" # ");
        for (int pad = length.length(); pad < 3; pad++) {
            sb.append(' ');
        }
        sb.append(length).append(", ").append(vm).append(' ').append(keyword == null ? "Unknown Tag & Data" : keyword);
        out.println(sb);
    }

    private String valueText(DataSet ds, int i) throws IOException {
        VR vr = ds.vrAt(i);
        Object v = ds.valueAt(i);
        if (ds.valueLength(i) == 0) {
            return "(no value available)";
        }
        switch (vr.kind()) {
            case ASCII, TEXT -> {
                int tag = ds.tagAt(i);
                String raw = ds.getRawString(tag);
                if (raw == null) {
                    return "(not loaded)";
                }
                String trimmed = stripTrailing(raw);
                if (vr == VR.UI && uidNames && UidRegistry.lookup(trimmed) != null) {
                    return "=" + UidRegistry.keywordOf(trimmed);
                }
                return "[" + trimmed + "]";
            }
            case INT, FLOAT, TAG -> {
                String[] s = ds.getStrings(ds.tagAt(i));
                return s == null ? "(not loaded)" : String.join("\\", s);
            }
            default -> {
                byte[] head = prefix(v, printAll ? Integer.MAX_VALUE : MAX_VALUE);
                return vr == VR.OW ? hexWords(head, ds.bigEndian(), ds.valueLength(i)) : hexBytes(head, ds.valueLength(i));
            }
        }
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The first bytes of a value: enough to print {@code maxChars} characters of hex. */
    private static byte[] prefix(Object v, int maxChars) throws IOException {
        long want = maxChars == Integer.MAX_VALUE ? Integer.MAX_VALUE - 8 : maxChars / 2 + 2;
        if (v instanceof byte[] b) {
            return b.length <= want ? b : java.util.Arrays.copyOf(b, (int) want);
        }
        BulkData bd = (BulkData) v;
        try (InputStream in = bd.openStream()) {
            return in.readNBytes((int) Math.min(want, bd.length()));
        }
    }

    private static String hexBytes(byte[] b, long total) {
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int k = 0; k < b.length; k++) {
            if (k > 0) {
                sb.append('\\');
            }
            sb.append(Character.forDigit((b[k] >> 4) & 0xF, 16)).append(Character.forDigit(b[k] & 0xF, 16));
        }
        return b.length < total ? sb.append("\\...").toString() : sb.toString();
    }

    private static String hexWords(byte[] b, boolean bigEndian, long total) {
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int k = 0; k + 1 < b.length; k += 2) {
            if (k > 0) {
                sb.append('\\');
            }
            sb.append(String.format("%04x", ByteOrders.u16(b, k, bigEndian)));
        }
        return b.length < total ? sb.append("\\...").toString() : sb.toString();
    }

    private static int vm(DataSet ds, int i) {
        VR vr = ds.vrAt(i);
        long len = ds.valueLength(i);
        if (len == 0) {
            return 0;
        }
        if (vr.isString()) {
            String[] s = ds.getStrings(ds.tagAt(i));
            return s == null ? 1 : s.length;
        }
        if (vr.kind() == VR.Kind.INT || vr.kind() == VR.Kind.FLOAT) {
            return (int) (len / vr.unitSize());
        }
        if (vr == VR.AT) {
            return (int) (len / 4);
        }
        return 1;
    }

    private static String keyword(DataSet ds, int tag) {
        String kw = ElementDictionary.keywordOf(tag);
        if (kw != null) {
            return kw;
        }
        String creator = ds.privateCreatorOf(tag);
        if (creator != null) {
            DictionaryEntry e = ElementDictionary.lookupPrivate(creator, tag);
            return e != null ? e.keyword() : "PrivateTag";
        }
        return null;
    }
}
