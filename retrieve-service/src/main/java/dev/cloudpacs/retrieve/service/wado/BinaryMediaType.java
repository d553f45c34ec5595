package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.core.io.TransferSyntax;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media type of bulk data and frame parts (PS3.18 8.7.3.3 and 8.7.4): uncompressed values are
 * {@code application/octet-stream} in little endian; compressed frames are passed through as stored,
 * never decoded, as {@code application/octet-stream; transfer-syntax=<stored>} or, when the client
 * asks for it by name, the image media type of that syntax (e.g. {@code image/jpeg}).
 */
public final class BinaryMediaType {
    public static final String OCTET_STREAM = "application/octet-stream";

    /** PS3.18 Table 8.7.3-4: the media type of each compressed pixel data syntax. */
    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "image/jpeg"), Map.entry("1.2.840.10008.1.2.4.51", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.57", "image/jpeg"), Map.entry("1.2.840.10008.1.2.4.70", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.80", "image/jls"), Map.entry("1.2.840.10008.1.2.4.81", "image/jls"),
            Map.entry("1.2.840.10008.1.2.4.90", "image/jp2"), Map.entry("1.2.840.10008.1.2.4.91", "image/jp2"),
            Map.entry("1.2.840.10008.1.2.4.92", "image/jpx"), Map.entry("1.2.840.10008.1.2.4.93", "image/jpx"),
            Map.entry("1.2.840.10008.1.2.4.201", "image/jphc"), Map.entry("1.2.840.10008.1.2.4.202", "image/jphc"),
            Map.entry("1.2.840.10008.1.2.4.203", "image/jphc"), Map.entry("1.2.840.10008.1.2.4.110", "image/jxl"),
            Map.entry("1.2.840.10008.1.2.4.111", "image/jxl"), Map.entry("1.2.840.10008.1.2.4.112", "image/jxl"),
            Map.entry("1.2.840.10008.1.2.5", "image/x-dicom-rle"));

    private BinaryMediaType() {
    }

    /**
     * The part Content-Type for values of an instance stored in {@code stored}.
     *
     * @param compressed true for encapsulated pixel data (frames); false for any uncompressed value
     * @param pixels     true for pixel data, whose parts name their transfer syntax
     * @throws WadoException 406 when no acceptable media range can carry the values
     */
    public static String choose(List<AcceptHeader.MediaRange> accept, TransferSyntax stored, boolean compressed,
                                boolean pixels) throws WadoException {
        String natural = compressed ? OCTET_STREAM + "; transfer-syntax=" + stored.uid()
                : pixels ? OCTET_STREAM + "; transfer-syntax=" + TransferSyntax.EXPLICIT_VR_LE.uid() : OCTET_STREAM;
        for (AcceptHeader.MediaRange r : accept) {
            if (r.isWildcard() || r.type().equals("multipart") && r.subtype().equals("*")) {
                return natural;
            }
            String range;
            if (r.type().equals("multipart") && r.subtype().equals("related")) {
                range = r.param("type");
                if (range == null) {
                    return natural;
                }
            } else {
                range = r.type() + "/" + r.subtype();
            }
            String got = match(range.trim().toLowerCase(Locale.ROOT), r.param("transfer-syntax"), stored, compressed,
                    natural);
            if (got != null) {
                return got;
            }
        }
        String media = MEDIA_TYPES.get(stored.uid());
        throw WadoException.notAcceptable(compressed
                ? "the pixel data is stored in " + stored + " and is not decompressed here: accept"
                        + " multipart/related; type=\"" + OCTET_STREAM + "\"; transfer-syntax=* (or "
                        + (media != null ? "type=\"" + media + "\"" : stored.uid()) + ")"
                : "bulk data is returned as multipart/related; type=\"" + OCTET_STREAM + "\" only");
    }

    private static String match(String range, String ts, TransferSyntax stored, boolean compressed, String natural) {
        if (admits(range, OCTET_STREAM)) {
            if ("*".equals(ts)) {
                return natural;
            }
            if (!compressed) {
                return ts == null || ts.equals(TransferSyntax.EXPLICIT_VR_LE.uid()) ? natural : null;
            }
            return stored.uid().equals(ts) ? natural : null;
        }
        String media = compressed ? MEDIA_TYPES.get(stored.uid()) : null;
        if (media != null && admits(range, media) && (ts == null || ts.equals("*") || ts.equals(stored.uid()))) {
            return media + "; transfer-syntax=" + stored.uid();
        }
        return null;
    }

    private static boolean admits(String range, String mediaType) {
        return range.equals(mediaType) || range.equals("*/*")
                || range.endsWith("/*") && mediaType.startsWith(range.substring(0, range.length() - 1));
    }

    /** The media type alone, without parameters, for the multipart {@code type} parameter. */
    public static String bare(String contentType) {
        int semi = contentType.indexOf(';');
        return semi < 0 ? contentType : contentType.substring(0, semi).trim();
    }
}
