package dev.cloudpacs.dicom.core.json;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.charset.SpecificCharacterSet;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.json.JsonModelParser.Attr;
import dev.cloudpacs.dicom.core.json.JsonModelParser.Item;
import dev.cloudpacs.dicom.core.json.JsonModelParser.Num;
import dev.cloudpacs.dicom.core.json.JsonModelParser.Pn;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Second reading pass: converts parsed attributes to data set values, VR by VR, after choosing the
 * Specific Character Set each data set's text is encoded with (see {@link DicomJsonReader}).
 */
final class DataSetBuilder {
    private static final String[] UTF8 = {"ISO_IR 192"};
    private static final Pattern WHITESPACE = Pattern.compile("[\\r\\n\\t ]+");

    private final BulkDataResolver resolver;
    private final List<BulkDataReference> unresolved;

    DataSetBuilder(BulkDataResolver resolver, List<BulkDataReference> unresolved) {
        this.resolver = resolver;
        this.unresolved = unresolved;
    }

    DataSet build(Item root) throws IOException {
        DataSet ds = new DataSet(root.attrs.size());
        fill(ds, root, true);
        return ds;
    }

    private void fill(DataSet ds, Item item, boolean topLevel) throws IOException {
        Attr cs = item.find(Tag.SpecificCharacterSet);
        if (topLevel || cs != null) {
            // Set before any text so every value below is encoded with it.
            String[] chosen = chooseCharacterSet(item, cs);
            if (chosen.length > 0 || cs != null) {
                ds.setString(Tag.SpecificCharacterSet, VR.CS, chosen);
            }
        }
        for (Attr a : item.attrs) {
            if (a.tag != Tag.SpecificCharacterSet) {
                try {
                    set(ds, a);
                } catch (RuntimeException e) {
                    throw new DicomJsonException(a.path, "invalid " + a.vr + " value: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The declared (0008,0005) when it can encode every text value in its scope (this data set and the
     * items below that do not declare their own), so the source encoding F.2.2 keeps as metadata is
     * reconstructed; otherwise ISO_IR 192, which encodes any text. No declaration and ASCII-only text
     * gives none.
     */
    private static String[] chooseCharacterSet(Item item, Attr cs) throws DicomJsonException {
        String[] declared = new String[0];
        if (cs != null && cs.values != null) {
            declared = new String[cs.values.size()];
            for (int k = 0; k < declared.length; k++) {
                Object v = cs.values.get(k);
                if (v != null && !(v instanceof String)) {
                    throw new DicomJsonException(cs.path, "expected a string, got " + v);
                }
                declared[k] = v == null ? "" : (String) v;
            }
        }
        return encodable(item, SpecificCharacterSet.of(declared), true) ? declared : UTF8;
    }

    private static boolean encodable(Item item, SpecificCharacterSet cs, boolean scopeRoot) {
        if (!scopeRoot && item.find(Tag.SpecificCharacterSet) != null) {
            return true; // an item declaring its own character set is its own scope
        }
        for (Attr a : item.attrs) {
            if (a.values == null) {
                continue;
            }
            for (Object v : a.values) {
                if (v instanceof Item child) {
                    if (!encodable(child, cs, false)) {
                        return false;
                    }
                } else if (a.vr.usesCharacterSet()) {
                    String s = v instanceof Pn pn ? pn.toDicom() : v instanceof String str ? str : null;
                    if (s != null && !cs.canEncode(s, a.vr)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void set(DataSet ds, Attr a) throws IOException {
        VR vr = a.vr;
        if (a.bulkDataUri != null) {
            setBulkData(ds, a);
        } else if (a.inlineBinary != null) {
            if (vr == VR.SQ) {
                throw new DicomJsonException(a.path, "a sequence cannot have \"InlineBinary\"");
            }
            // F.2.7 allows InlineBinary for any VR's Value Field (e.g. a long US table): keep the bytes raw.
            ds.setBytes(a.tag, vr, decodeBase64(a));
        } else if (a.values == null || a.values.isEmpty()) {
            if (vr == VR.SQ) {
                ds.newSequence(a.tag, 0);
            } else {
                ds.setValue(a.tag, vr, null);
            }
        } else {
            switch (vr.kind()) {
                case SEQUENCE -> setItems(ds, a);
                case ASCII, TEXT -> ds.setString(a.tag, vr, strings(a));
                case INT -> ds.setLong(a.tag, vr, integers(a));
                case FLOAT -> ds.setDouble(a.tag, vr, doubles(a));
                case TAG -> ds.setLong(a.tag, vr, tags(a));
                default -> throw new DicomJsonException(a.path,
                        "VR " + vr + " needs \"InlineBinary\" or \"BulkDataURI\", not \"Value\"");
            }
        }
    }

    private void setBulkData(DataSet ds, Attr a) throws IOException {
        if (a.vr == VR.SQ) {
            throw new DicomJsonException(a.path, "a sequence cannot have \"BulkDataURI\"");
        }
        byte[] bytes;
        try {
            bytes = resolver == null ? null : resolver.resolve(a.bulkDataUri, a.vr);
        } catch (IOException e) {
            throw new DicomJsonException(a.path, "cannot resolve BulkDataURI " + a.bulkDataUri + ": " + e.getMessage(), e);
        }
        ds.setValue(a.tag, a.vr, bytes);
        if (bytes == null) {
            unresolved.add(new BulkDataReference(ds, a.tag, a.vr, a.bulkDataUri, a.path));
        }
    }

    private static byte[] decodeBase64(Attr a) throws DicomJsonException {
        try {
            // Tolerate line breaks (MIME style) but nothing else outside the alphabet.
            return Base64.getDecoder().decode(WHITESPACE.matcher(a.inlineBinary).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new DicomJsonException(a.path, "invalid base64 in \"InlineBinary\": " + e.getMessage());
        }
    }

    private void setItems(DataSet ds, Attr a) throws IOException {
        Sequence seq = ds.newSequence(a.tag, a.values.size());
        for (int k = 0; k < a.values.size(); k++) {
            Object v = a.values.get(k);
            if (v instanceof Item item) {
                fill(seq.addItem(), item, false);
            } else if (v == JsonModelParser.EMPTY_OBJECT) {
                seq.addItem();
            } else {
                throw new DicomJsonException(a.path + "[" + k + "]", "a sequence item must be an object, got " + v);
            }
        }
    }

    private static String[] strings(Attr a) throws DicomJsonException {
        String[] out = new String[a.values.size()];
        for (int k = 0; k < out.length; k++) {
            Object v = a.values.get(k);
            String s;
            if (v == null || v == JsonModelParser.EMPTY_OBJECT && a.vr == VR.PN) {
                s = ""; // F.2.5: null stands for an empty value
            } else if (v instanceof String str) {
                s = str; // for PN a plain string is not the model, but its meaning is plain
            } else if (v instanceof Pn pn && a.vr == VR.PN) {
                s = pn.toDicom();
            } else if (v instanceof Num n && a.vr == VR.IS) {
                s = JsonNumbers.toIS(n.text());
                if (s == null) {
                    throw new DicomJsonException(valuePath(a, k), "IS value " + n.text() + " is not an integer of at most 12 characters");
                }
            } else if (v instanceof Num n && a.vr == VR.DS) {
                s = JsonNumbers.toDS(n.text());
            } else {
                throw new DicomJsonException(valuePath(a, k), "expected " + (a.vr == VR.PN ? "a person name object" : "a string")
                        + " for VR " + a.vr + ", got " + describe(v));
            }
            out[k] = s;
        }
        return out;
    }

    private static long[] integers(Attr a) throws DicomJsonException {
        long[] out = new long[a.values.size()];
        for (int k = 0; k < out.length; k++) {
            String text = numberText(a, k);
            Long v = JsonNumbers.toBinaryInteger(text, a.vr);
            if (v == null) {
                throw new DicomJsonException(valuePath(a, k), text + " is not an integer in the range of VR " + a.vr);
            }
            out[k] = v;
        }
        return out;
    }

    private static double[] doubles(Attr a) throws DicomJsonException {
        double[] out = new double[a.values.size()];
        for (int k = 0; k < out.length; k++) {
            String text = numberText(a, k);
            Double v = JsonNumbers.toDouble(text);
            if (v == null) {
                throw new DicomJsonException(valuePath(a, k), text + " is not a number");
            }
            out[k] = v;
        }
        return out;
    }

    /** The text of a numeric value given as a JSON number or, leniently, as a string. */
    private static String numberText(Attr a, int k) throws DicomJsonException {
        Object v = a.values.get(k);
        if (v instanceof Num n) {
            return n.text();
        }
        if (v instanceof String s) {
            return s;
        }
        throw new DicomJsonException(valuePath(a, k), "expected a number for VR " + a.vr + ", got " + describe(v));
    }

    private static long[] tags(Attr a) throws DicomJsonException {
        long[] out = new long[a.values.size()];
        for (int k = 0; k < out.length; k++) {
            Object v = a.values.get(k);
            int tag = v instanceof String s ? JsonModelParser.parseTagKey(s) : -1;
            // -1 is also the valid tag FFFFFFFF; only a key of 8 F's produces it legitimately.
            if (tag == -1 && !(v instanceof String s2 && s2.equalsIgnoreCase("FFFFFFFF"))) {
                throw new DicomJsonException(valuePath(a, k), "AT value must be a string of 8 hexadecimal digits, got "
                        + describe(v));
            }
            out[k] = tag & 0xFFFFFFFFL;
        }
        return out;
    }

    private static String valuePath(Attr a, int k) {
        return a.path + "[" + k + "]";
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Num n) {
            return n.text();
        }
        return v instanceof Item ? "an object" : v instanceof Pn ? "a person name object" : String.valueOf(v);
    }
}
