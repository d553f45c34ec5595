package dev.cloudpacs.dicom.core.io;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transfer syntaxes as data: how a data set is encoded (VR explicit or implicit, byte order, deflate)
 * and whether pixel data is encapsulated. Transcribed from PS3.5 section 10 and Annex A and the
 * transfer syntax UIDs of PS3.6 Annex A.
 *
 * @param uid          the Transfer Syntax UID
 * @param name         the name from PS3.6
 * @param explicitVR   VR written in each element header
 * @param bigEndian    Explicit VR Big Endian (retired)
 * @param deflated     data set compressed with Deflate (RFC 1951) after the meta group
 * @param encapsulated pixel data stored as fragments (compressed or encapsulated uncompressed)
 * @param retired      retired from the standard
 */
public record TransferSyntax(String uid, String name, boolean explicitVR, boolean bigEndian, boolean deflated,
                             boolean encapsulated, boolean retired) {

    public static final TransferSyntax IMPLICIT_VR_LE =
            new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LE =
            new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LE = new TransferSyntax("1.2.840.10008.1.2.1.99",
            "Deflated Explicit VR Little Endian", true, false, true, false, false);
    public static final TransferSyntax EXPLICIT_VR_BE =
            new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false, true);

    private static final Map<String, TransferSyntax> REGISTRY = new LinkedHashMap<>();

    static {
        register(IMPLICIT_VR_LE);
        register(EXPLICIT_VR_LE);
        register(DEFLATED_EXPLICIT_VR_LE);
        register(EXPLICIT_VR_BE);
        encapsulated("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", false);
        encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", false);
        encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", false);
        for (String[] r : new String[][] {
                {"52", "JPEG Extended (Process 3 & 5)"}, {"53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8)"},
                {"54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9)"},
                {"55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12)"},
                {"56", "JPEG Full Progression, Non-Hierarchical (Process 11 & 13)"},
                {"58", "JPEG Lossless, Non-Hierarchical (Process 15)"}, {"59", "JPEG Extended, Hierarchical (Process 16 & 18)"},
                {"60", "JPEG Extended, Hierarchical (Process 17 & 19)"},
                {"61", "JPEG Spectral Selection, Hierarchical (Process 20 & 22)"},
                {"62", "JPEG Spectral Selection, Hierarchical (Process 21 & 23)"},
                {"63", "JPEG Full Progression, Hierarchical (Process 24 & 26)"},
                {"64", "JPEG Full Progression, Hierarchical (Process 25 & 27)"},
                {"65", "JPEG Lossless, Hierarchical (Process 28)"}, {"66", "JPEG Lossless, Hierarchical (Process 29)"}}) {
            encapsulated("1.2.840.10008.1.2.4." + r[0], r[1], true);
        }
        encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", false);
        encapsulated("1.2.840.10008.1.2.4.70",
                "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", false);
        encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", false);
        encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", false);
        encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", false);
        encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", false);
        encapsulated("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", false);
        encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", false);
        encapsulated("1.2.840.10008.1.2.4.94", "JPIP Referenced", false);
        encapsulated("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", false);
        encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", false);
        encapsulated("1.2.840.10008.1.2.4.100.1", "Fragmentable MPEG2 Main Profile / Main Level", false);
        encapsulated("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", false);
        encapsulated("1.2.840.10008.1.2.4.101.1", "Fragmentable MPEG2 Main Profile / High Level", false);
        encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", false);
        encapsulated("1.2.840.10008.1.2.4.102.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1", false);
        encapsulated("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", false);
        encapsulated("1.2.840.10008.1.2.4.103.1",
                "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", false);
        encapsulated("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile For 2D Video", false);
        encapsulated("1.2.840.10008.1.2.4.104.1", "Fragmentable MPEG-4 AVC/H.264 High Profile For 2D Video", false);
        encapsulated("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile For 3D Video", false);
        encapsulated("1.2.840.10008.1.2.4.105.1", "Fragmentable MPEG-4 AVC/H.264 High Profile For 3D Video", false);
        encapsulated("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", false);
        encapsulated("1.2.840.10008.1.2.4.106.1", "Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", false);
        encapsulated("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", false);
        encapsulated("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", false);
        encapsulated("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", false);
        encapsulated("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", false);
        encapsulated("1.2.840.10008.1.2.4.112", "JPEG XL", false);
        encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", false);
        encapsulated("1.2.840.10008.1.2.4.202",
                "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", false);
        encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", false);
        encapsulated("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced", false);
        encapsulated("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate", false);
        encapsulated("1.2.840.10008.1.2.5", "RLE Lossless", false);
        encapsulated("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", false);
    }

    private static void register(TransferSyntax ts) {
        REGISTRY.put(ts.uid(), ts);
    }

    private static void encapsulated(String uid, String name, boolean retired) {
        register(new TransferSyntax(uid, name, true, false, false, true, retired));
    }

    /**
     * The transfer syntax for a UID. An unknown UID is taken as an encapsulated Explicit VR Little
     * Endian syntax, which is what PS3.5 section 10 requires of every syntax other than the three
     * native ones; {@link #isKnown(String)} tells the difference.
     */
    public static TransferSyntax of(String uid) {
        TransferSyntax ts = REGISTRY.get(uid);
        return ts != null ? ts : new TransferSyntax(uid, uid, true, false, false, true, false);
    }

    public static boolean isKnown(String uid) {
        return REGISTRY.containsKey(uid);
    }

    /** Every registered transfer syntax in registration order. */
    public static Collection<TransferSyntax> all() {
        return Collections.unmodifiableCollection(REGISTRY.values());
    }

    /** True for the three native (uncompressed) syntaxes and deflate: those we can convert between. */
    public boolean uncompressed() {
        return !encapsulated;
    }

    @Override
    public String toString() {
        return name + " (" + uid + ")";
    }
}
