package dev.cloudpacs.dicom.core.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.ByteOrders;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.data.Sequence;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes data sets in the DICOM JSON Model, PS3.18 Annex F (F.2): one JSON object per data set, or a
 * JSON array of them as QIDO-RS and WADO-RS metadata responses carry.
 *
 * <p>Mapping (PS3.18 Table F.2.3-1): keys are the 8-digit upper-case hex tags in ascending order,
 * group length elements are left out; each attribute has {@code "vr"} and, unless its value is empty,
 * one of {@code "Value"}, {@code "InlineBinary"} or {@code "BulkDataURI"}. Within a multi-valued
 * string an empty value is {@code null} (F.2.5); a single empty value is an empty attribute. PN values
 * are objects with the non-empty component groups ({@code Alphabetic}, {@code Ideographic},
 * {@code Phonetic}); AT values are 8-digit hex strings; SQ values are arrays of item objects.
 *
 * <p>Numbers: US, SS, UL, SL, FL and FD are JSON numbers (NaN and infinities become the strings
 * "NaN", "Infinity", "-Infinity", as JSON has no such numbers). IS and DS are JSON numbers written
 * with their exact DICOM text when that text is a valid JSON number that a double reproduces, and
 * strings otherwise ("+1", ".5", 17 significant digits); F.2.3 allows strings to keep the original
 * format. SV and UV are numbers up to 2^53 in magnitude and strings beyond, where JavaScript clients
 * would lose precision. {@link #numbersAsStrings(boolean)} writes IS, DS, SV and UV always as strings.
 *
 * <p>Text: string values are decoded with the data set's Specific Character Set and written as
 * Unicode; JSON itself is UTF-8. (0008,0005) is written unchanged when present: F.2.2 keeps it as
 * metadata describing the source encoding, not the JSON's.
 *
 * <p>Bulk data means values of the binary VRs (OB, OD, OF, OL, OV, OW, UN), encapsulated pixel data
 * and values still held in their file ({@link BulkData}). For each non-empty one the
 * {@link BulkDataUriProvider} is asked first; without a URI, binary values are written as
 * {@code "InlineBinary"} (base64 of the little endian bytes, swapped from big endian data sets) and
 * file-held values of other VRs are loaded and written as values, unless bulk data is excluded or
 * longer than {@link #maxInlineLength(long)}, in which case the attribute is left out entirely (an
 * attribute with only a VR would claim the value is empty). Encapsulated pixel data is only ever
 * written as a BulkDataURI: InlineBinary encodes a Value Field, and fragments have none to encode.
 *
 * <p>Configure once, then use from any number of threads; writing keeps no state in the writer.
 */
public final class DicomJsonWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final int[] ROOT = new int[0];

    private BulkDataUriProvider bulkDataUriProvider;
    private boolean includeBulkData = true;
    private long maxInlineLength = Long.MAX_VALUE;
    private boolean numbersAsStrings;
    private boolean prettyPrint;

    /** Asks {@code provider} for a BulkDataURI for each bulk data value; null to inline everything. */
    public DicomJsonWriter bulkDataUriProvider(BulkDataUriProvider provider) {
        this.bulkDataUriProvider = provider;
        return this;
    }

    /**
     * False leaves out every bulk data value the provider gives no URI for, e.g. for compact index
     * documents. Default true.
     */
    public DicomJsonWriter includeBulkData(boolean include) {
        this.includeBulkData = include;
        return this;
    }

    /** Leaves out bulk data values longer than {@code bytes} that get no URI. Default: no limit. */
    public DicomJsonWriter maxInlineLength(long bytes) {
        this.maxInlineLength = bytes;
        return this;
    }

    /** True writes IS, DS, SV and UV values always as JSON strings (F.2.3 allows both). Default false. */
    public DicomJsonWriter numbersAsStrings(boolean asStrings) {
        this.numbersAsStrings = asStrings;
        return this;
    }

    /** Indents the output of the stream and string methods. Default false. */
    public DicomJsonWriter prettyPrint(boolean pretty) {
        this.prettyPrint = pretty;
        return this;
    }

    /** Writes one data set as a JSON object; {@code out} is flushed, not closed. */
    public void write(DataSet dataSet, OutputStream out) throws IOException {
        try (JsonGenerator g = open(out)) {
            write(dataSet, g);
        }
    }

    /** Writes the data sets as a JSON array, streaming as the iterable yields them. */
    public void writeArray(Iterable<DataSet> dataSets, OutputStream out) throws IOException {
        try (JsonGenerator g = open(out)) {
            writeArray(dataSets, g);
        }
    }

    /** Writes the data sets as a JSON array to a caller's generator. */
    public void writeArray(Iterable<DataSet> dataSets, JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (DataSet ds : dataSets) {
            write(ds, g);
        }
        g.writeEndArray();
    }

    /** Writes one data set as a JSON object to a caller's generator (e.g. as an array element). */
    public void write(DataSet dataSet, JsonGenerator g) throws IOException {
        writeObject(dataSet, ROOT, g);
    }

    /** The data set as a JSON string. */
    public String toJson(DataSet dataSet) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(sw)) {
            if (prettyPrint) {
                g.useDefaultPrettyPrinter();
            }
            write(dataSet, g);
        }
        return sw.toString();
    }

    private JsonGenerator open(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        return prettyPrint ? g.useDefaultPrettyPrinter() : g;
    }

    private void writeObject(DataSet ds, int[] prefix, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tags.isGroupLength(tag) || Tags.isItemOrDelimiter(tag)) {
                continue; // F.2.2: group lengths are not included
            }
            VR vr = ds.vrAt(i);
            Object value = ds.valueAt(i);
            if (isBulk(vr, value)) {
                writeBulk(ds, tag, vr, value, prefix, g);
            } else {
                startAttribute(tag, vr, g);
                writeValue(ds, tag, vr, value, prefix, g);
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }

    private static boolean isBulk(VR vr, Object value) {
        return value instanceof BulkData || value instanceof Fragments
                || vr.kind() == VR.Kind.BINARY && value instanceof byte[] b && b.length > 0;
    }

    private static void startAttribute(int tag, VR vr, JsonGenerator g) throws IOException {
        g.writeFieldName(Tags.toHex(tag));
        g.writeStartObject();
        g.writeStringField("vr", vr.name());
    }

    private void writeBulk(DataSet ds, int tag, VR vr, Object value, int[] prefix, JsonGenerator g)
            throws IOException {
        long length = value instanceof byte[] b ? b.length : value instanceof BulkData bd ? bd.length() : -1;
        if (length == 0) {
            startAttribute(tag, vr, g);
            g.writeEndObject();
            return;
        }
        String uri = bulkDataUriProvider == null ? null : bulkDataUriProvider.bulkDataUri(ds, append(prefix, tag), value);
        if (uri != null) {
            startAttribute(tag, vr, g);
            g.writeStringField("BulkDataURI", uri);
            g.writeEndObject();
            return;
        }
        if (value instanceof Fragments || !includeBulkData || length > maxInlineLength) {
            return;
        }
        boolean bigEndian = value instanceof BulkData bd ? bd.bigEndian() : ds.bigEndian();
        byte[] bytes = value instanceof BulkData bd ? bd.readAll() : (byte[]) value;
        startAttribute(tag, vr, g);
        if (vr.kind() == VR.Kind.BINARY) {
            g.writeStringField("InlineBinary", Base64.getEncoder().encodeToString(littleEndian(bytes, bigEndian, vr)));
        } else {
            // A long text or numeric value the reader left in its file: decode it like an in-memory one,
            // in a scratch data set carrying the same character set and byte order.
            DataSet scratch = new DataSet(2);
            String[] cs = ds.characterSet().values();
            if (cs.length > 0) {
                scratch.setString(Tag.SpecificCharacterSet, VR.CS, cs);
            }
            scratch.setBigEndian(bigEndian);
            scratch.setValue(tag, vr, bytes);
            writeValue(scratch, tag, vr, bytes, prefix, g);
        }
        g.writeEndObject();
    }

    private static byte[] littleEndian(byte[] b, boolean bigEndian, VR vr) {
        if (!bigEndian || !vr.needsByteSwap()) {
            return b;
        }
        byte[] c = b.clone();
        ByteOrders.swap(c, 0, c.length, vr.unitSize());
        return c;
    }

    private void writeValue(DataSet ds, int tag, VR vr, Object value, int[] prefix, JsonGenerator g)
            throws IOException {
        switch (vr.kind()) {
            case SEQUENCE -> {
                if (value instanceof Sequence seq && !seq.isEmpty()) {
                    g.writeArrayFieldStart("Value");
                    for (int k = 0; k < seq.size(); k++) {
                        writeObject(seq.get(k), append(append(prefix, tag), k), g);
                    }
                    g.writeEndArray();
                }
            }
            case ASCII, TEXT -> writeStrings(vr, ds.getStrings(tag), g);
            case INT -> {
                long[] v = ds.getLongs(tag);
                if (v != null && v.length > 0) {
                    g.writeArrayFieldStart("Value");
                    for (long l : v) {
                        writeInteger(vr, l, g);
                    }
                    g.writeEndArray();
                }
            }
            case FLOAT -> {
                double[] v = ds.getDoubles(tag);
                if (v != null && v.length > 0) {
                    g.writeArrayFieldStart("Value");
                    for (double d : v) {
                        if (vr == VR.FL) {
                            g.writeNumber((float) d); // shortest float text: 0.1f is 0.1, not 0.10000000149011612
                        } else {
                            g.writeNumber(d);
                        }
                    }
                    g.writeEndArray();
                }
            }
            case TAG -> writeTags(ds, value, g);
            default -> {
                // BINARY values are handled as bulk data; an empty one has no value to write.
            }
        }
    }

    private void writeStrings(VR vr, String[] values, JsonGenerator g) throws IOException {
        if (values == null || values.length == 0 || values.length == 1 && values[0].isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("Value");
        for (String s : values) {
            if (s.isEmpty()) {
                g.writeNull(); // F.2.5: an empty value among several
            } else if (vr == VR.PN) {
                writePersonName(s, g);
            } else if ((vr == VR.IS || vr == VR.DS) && !numbersAsStrings && JsonNumbers.isExactJsonNumber(s)) {
                g.writeNumber(s); // verbatim, so "1.50" stays "1.50"
            } else {
                g.writeString(s);
            }
        }
        g.writeEndArray();
    }

    private static final String[] PN_GROUPS = {"Alphabetic", "Ideographic", "Phonetic"};

    private static void writePersonName(String value, JsonGenerator g) throws IOException {
        // Limit 3: a malformed fourth group stays inside Phonetic rather than being dropped.
        String[] groups = value.split("=", 3);
        g.writeStartObject();
        for (int k = 0; k < groups.length; k++) {
            if (!groups[k].isEmpty()) {
                g.writeStringField(PN_GROUPS[k], groups[k]);
            }
        }
        g.writeEndObject();
    }

    private void writeInteger(VR vr, long v, JsonGenerator g) throws IOException {
        boolean wide = vr == VR.SV || vr == VR.UV;
        if (!wide) {
            g.writeNumber(v);
        } else if (vr == VR.UV && (v < 0 || v > JsonNumbers.MAX_EXACT_DOUBLE || numbersAsStrings)) {
            g.writeString(Long.toUnsignedString(v));
        } else if (vr == VR.SV && (Math.abs(v) > JsonNumbers.MAX_EXACT_DOUBLE || v == Long.MIN_VALUE || numbersAsStrings)) {
            g.writeString(Long.toString(v));
        } else {
            g.writeNumber(v);
        }
    }

    private static void writeTags(DataSet ds, Object value, JsonGenerator g) throws IOException {
        if (!(value instanceof byte[] b) || b.length < 4) {
            return;
        }
        boolean be = ds.bigEndian();
        g.writeArrayFieldStart("Value");
        for (int off = 0; off + 4 <= b.length; off += 4) {
            g.writeString(Tags.toHex(Tags.of(ByteOrders.u16(b, off, be), ByteOrders.u16(b, off + 2, be))));
        }
        g.writeEndArray();
    }

    private static int[] append(int[] path, int v) {
        int[] p = Arrays.copyOf(path, path.length + 1);
        p[path.length] = v;
        return p;
    }
}
