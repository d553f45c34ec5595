package dev.cloudpacs.contracts.find;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The internal C-FIND contract between the DIMSE front door and query-service.
 * <p>
 * Request: {@code POST} {@link #PATH}{@code ?model=<C-FIND SOP Class UID>&calling=<AE>&called=<AE>} with the
 * identifier as an Explicit VR Little Endian data set (no meta header) in the body, content type
 * {@link #MEDIA_TYPE}.
 * <p>
 * Response: 200 with a stream of frames, each a kind byte, a 4-byte big-endian length and the payload:
 * {@code 'M'} one match (an Explicit VR Little Endian data set, the response identifier as it is to be sent),
 * then exactly one {@code 'E'} frame ending the stream (2-byte big-endian DIMSE status and a UTF-8 error
 * comment, empty for success). A stream that ends without its {@code 'E'} frame was cut off. Closing the
 * response early cancels the query.
 */
public final class FindStream {
    public static final String PATH = "/internal/find";
    public static final String MEDIA_TYPE = "application/x-cloudpacs-find";
    /** A frame larger than this is refused: a corrupt length must not allocate gigabytes. */
    public static final int MAX_FRAME = 16 << 20;

    private static final byte MATCH = 'M';
    private static final byte END = 'E';

    /**
     * One frame read from the stream: a match (kept as its Explicit VR Little Endian bytes, so a relay
     * speaking that syntax can pass it on without decoding), or the final status.
     */
    public record Frame(byte[] matchBytes, int status, String comment) {
        public boolean isEnd() {
            return matchBytes == null;
        }

        /** The match decoded. */
        public DataSet match() throws IOException {
            return DicomReader.readDataSet(new ByteArrayInputStream(matchBytes), TransferSyntax.EXPLICIT_VR_LE);
        }
    }

    /** The transfer syntax of the match bytes. */
    public static final TransferSyntax MATCH_SYNTAX = TransferSyntax.EXPLICIT_VR_LE;

    private FindStream() {
    }

    /** The identifier as a request body. */
    public static byte[] encodeIdentifier(DataSet identifier) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        DicomWriter.writeDataSet(out, identifier, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        return out.toByteArray();
    }

    /** Parses a request body. */
    public static DataSet decodeIdentifier(InputStream in) throws IOException {
        return DicomReader.readDataSet(in, TransferSyntax.EXPLICIT_VR_LE);
    }

    public static void writeMatch(OutputStream out, DataSet match) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(1024);
        DicomWriter.writeDataSet(b, match, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        frame(out, MATCH, b.toByteArray());
    }

    public static void writeEnd(OutputStream out, int status, String comment) throws IOException {
        byte[] text = comment == null ? new byte[0] : comment.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + text.length];
        p[0] = (byte) (status >> 8);
        p[1] = (byte) status;
        System.arraycopy(text, 0, p, 2, text.length);
        frame(out, END, p);
    }

    private static void frame(OutputStream out, byte kind, byte[] payload) throws IOException {
        int n = payload.length;
        out.write(new byte[]{kind, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(payload);
    }

    /**
     * Reads the next frame.
     *
     * @throws EOFException when the stream ends before an end frame (the query service went away)
     * @throws IOException  on a malformed frame
     */
    public static Frame read(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            throw new EOFException("query stream ended without a final status");
        }
        int n = in.readInt();
        if (n < 0 || n > MAX_FRAME) {
            throw new IOException("query stream frame of " + n + " bytes exceeds " + MAX_FRAME);
        }
        byte[] p = in.readNBytes(n);
        if (p.length < n) {
            throw new EOFException("query stream cut off inside a frame");
        }
        return switch (kind) {
            case MATCH -> new Frame(p, 0, null);
            case END -> {
                if (n < 2) {
                    throw new IOException("query stream end frame without a status");
                }
                yield new Frame(null, ((p[0] & 0xFF) << 8) | (p[1] & 0xFF),
                        new String(p, 2, n - 2, StandardCharsets.UTF_8));
            }
            default -> throw new IOException("query stream frame of unknown kind " + kind);
        };
    }
}
