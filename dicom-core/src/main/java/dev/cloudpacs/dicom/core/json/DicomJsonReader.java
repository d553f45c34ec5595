package dev.cloudpacs.dicom.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the DICOM JSON Model, PS3.18 Annex F (F.2): a single data set object, or an array of them as
 * in QIDO-RS and WADO-RS metadata responses. Data sets come back in little endian byte order.
 *
 * <p>Values are converted per PS3.18 Table F.2.3-1: {@code null} in a Value array is an empty value
 * (F.2.5), PN objects are joined back into {@code Alphabetic=Ideographic=Phonetic}, AT strings are
 * 8-digit hex tags, empty objects in an SQ value are empty items, and InlineBinary is decoded from
 * base64 as little endian bytes. IS and DS accept numbers and strings: strings are kept verbatim
 * (F.2.3 uses them to preserve the original text), numbers become their DICOM text, DS rounded to
 * 16 characters when longer and IS required to be an integer. Binary integer and float VRs take
 * numbers (or numeric strings, as written for SV/UV beyond 2^53), range-checked for the VR; FL and FD
 * also take "NaN", "Infinity" and "-Infinity".
 *
 * <p>Character set: our data sets store text encoded, so each text value is encoded when set. The
 * reader keeps the (0008,0005) the JSON declares (F.2.2: the source encoding, kept as metadata) when
 * it can encode every text value, which reconstructs the source encoding; when it cannot, or when
 * nothing is declared and some text is not ASCII, (0008,0005) is set to {@code ISO_IR 192} (UTF-8)
 * so no character is lost. Items declaring their own (0008,0005) are decided the same way.
 *
 * <p>Bulk data: a {@code "BulkDataURI"} is passed to the {@link BulkDataResolver}, if any. When it
 * gives no bytes the element is set with an empty value and reported in
 * {@link Result#unresolvedBulkData()}, with the data set and tag to fill in later; the reader never
 * fetches anything itself.
 *
 * <p>Errors: invalid JSON, a structure that is not the DICOM JSON Model, or a value that does not fit
 * its VR throw {@link DicomJsonException} naming the attribute path; I/O errors of the input stream
 * propagate as they are. Lenient where the meaning is unambiguous: lower-case hex keys, a PN value
 * given as a plain string, a missing "vr" on a tag the dictionary gives a single VR, InlineBinary
 * with line breaks. Instances are immutable after configuration and may be shared across threads.
 */
public final class DicomJsonReader {
    /**
     * Jackson limits strings to 20 million characters by default; InlineBinary of a 15 MB value is
     * longer, so allow up to 1 Gi characters (callers who want tighter limits pass their own parser).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 30).build())
            .build();

    private BulkDataResolver resolver;

    /**
     * What a read produced.
     *
     * @param dataSets           the data sets in document order (one for a single object)
     * @param unresolvedBulkData BulkDataURIs the resolver did not resolve, in document order
     */
    public record Result(List<DataSet> dataSets, List<BulkDataReference> unresolvedBulkData) {
        /** The only data set; fails when the document held none or several. */
        public DataSet single() throws DicomJsonException {
            if (dataSets.size() != 1) {
                throw new DicomJsonException("", "expected one data set, found " + dataSets.size());
            }
            return dataSets.get(0);
        }
    }

    /** Uses {@code resolver} for BulkDataURIs; null (the default) leaves them all unresolved. */
    public DicomJsonReader bulkDataResolver(BulkDataResolver resolver) {
        this.resolver = resolver;
        return this;
    }

    /** Reads a UTF-8 (or UTF-16/32, detected) JSON document; does not close {@code in}. */
    public Result read(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return read(p, true);
        }
    }

    /** Reads a JSON document held in a string. */
    public Result read(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return read(p, true);
        }
    }

    /**
     * Reads one JSON value (an object or an array of objects) from a caller's parser: the value at its
     * current token, or the next one when it has none. Leaves the parser at the value's last token.
     */
    public Result read(JsonParser parser) throws IOException {
        return read(parser, false);
    }

    private Result read(JsonParser parser, boolean wholeDocument) throws IOException {
        List<JsonModelParser.Item> items = new JsonModelParser(parser).parseDocument(wholeDocument);
        List<BulkDataReference> unresolved = new ArrayList<>();
        DataSetBuilder builder = new DataSetBuilder(resolver, unresolved);
        List<DataSet> out = new ArrayList<>(items.size());
        for (JsonModelParser.Item item : items) {
            out.add(builder.build(item));
        }
        return new Result(List.copyOf(out), List.copyOf(unresolved));
    }

    /** Convenience: reads a document holding exactly one data set (an object or a one-element array). */
    public DataSet readDataSet(String json) throws IOException {
        return read(json).single();
    }

    /** Convenience: reads a document holding exactly one data set from a stream. */
    public DataSet readDataSet(InputStream in) throws IOException {
        return read(in).single();
    }
}
