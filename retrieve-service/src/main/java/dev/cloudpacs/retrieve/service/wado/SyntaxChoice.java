package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.util.UIDs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The transfer syntaxes a client accepts for {@code application/dicom} (PS3.18 8.7.3.5), best first,
 * and which one each stored instance is sent in. Without a {@code transfer-syntax} parameter, and for
 * {@code transfer-syntax=*}, an instance goes as stored, byte for byte: the archive never decodes
 * pixel data, and this keeps what the modality sent (PS3.18 names Explicit VR Little Endian as the
 * default; a client that needs it asks for it and gets it from any uncompressed object).
 */
public final class SyntaxChoice {
    /** Stands for "as stored" in {@link #wanted}. */
    private static final String AS_STORED = "*";
    private static final String DICOM = "application/dicom";

    private final List<String> wanted;

    private SyntaxChoice(List<String> wanted) {
        this.wanted = List.copyOf(wanted);
    }

    /** As stored, whatever it is. */
    public static SyntaxChoice asStored() {
        return new SyntaxChoice(List.of(AS_STORED));
    }

    /**
     * One syntax (WADO-URI's {@code transferSyntax} parameter); null or {@code *} means as stored.
     *
     * @throws WadoException 400 when the UID is malformed
     */
    public static SyntaxChoice of(String transferSyntaxUid) throws WadoException {
        List<String> w = new ArrayList<>();
        add(w, transferSyntaxUid);
        return new SyntaxChoice(w);
    }

    /**
     * The choices an Accept header allows for instance resources: {@code * / *}, {@code multipart/*},
     * {@code multipart/related} with {@code type="application/dicom"} (or no type) and
     * {@code application/dicom}, each with an optional {@code transfer-syntax}.
     *
     * @throws WadoException 406 when no range admits DICOM instances, 400 for a malformed syntax UID
     */
    public static SyntaxChoice fromAccept(List<AcceptHeader.MediaRange> accept) throws WadoException {
        List<String> w = new ArrayList<>();
        for (AcceptHeader.MediaRange r : accept) {
            if (r.isWildcard() || r.type().equals("multipart") && r.subtype().equals("*")) {
                add(w, null);
            } else if (r.type().equals("multipart") && r.subtype().equals("related")) {
                String type = r.param("type");
                if (type == null || admits(type, DICOM)) {
                    add(w, r.param("transfer-syntax"));
                }
            } else if (r.admits("application", "dicom")) {
                add(w, r.param("transfer-syntax"));
            }
        }
        if (w.isEmpty()) {
            throw WadoException.notAcceptable("instances are returned as multipart/related; type=\"application/dicom\""
                    + " only; the Accept header allows none of that");
        }
        return new SyntaxChoice(w);
    }

    private static boolean admits(String range, String mediaType) {
        String r = range.trim().toLowerCase(java.util.Locale.ROOT);
        String anySubtype = mediaType.substring(0, mediaType.indexOf('/')) + "/*";
        return r.equals(mediaType) || r.equals("*/*") || r.equals(anySubtype);
    }

    private static void add(List<String> w, String ts) throws WadoException {
        String t = ts == null || ts.isBlank() ? AS_STORED : ts.trim();
        if (!t.equals(AS_STORED) && !UIDs.isValid(t)) {
            throw WadoException.badRequest("malformed transfer syntax UID '" + t + "'");
        }
        if (!w.contains(t)) {
            w.add(t);
        }
    }

    /** The syntax to send an instance stored in {@code storedUid} in, or null when none can be produced. */
    public TransferSyntax choose(String storedUid) {
        TransferSyntax stored = TransferSyntax.of(storedUid);
        for (String t : wanted) {
            if (t.equals(AS_STORED)) {
                return stored;
            }
            TransferSyntax target = TransferSyntax.of(t);
            if (TransferSyntax.isKnown(t) && Transcoder.canProduce(stored, target)) {
                return target;
            }
        }
        return null;
    }

    /** Why an instance stored in {@code storedUid} cannot be sent, in one line. */
    public String refusal(String storedUid) {
        TransferSyntax stored = TransferSyntax.of(storedUid);
        String asked = wanted.stream().map(t -> TransferSyntax.isKnown(t) ? TransferSyntax.of(t).toString() : t)
                .collect(Collectors.joining(", "));
        return "stored in " + stored + (stored.encapsulated() ? ", which this archive does not decompress," : "")
                + " and cannot be converted to " + asked
                + (stored.encapsulated() ? "; ask for transfer-syntax=* or " + stored.uid() : "");
    }
}
