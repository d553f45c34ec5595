package dev.cloudpacs.dicom.net.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads one PDU at a time from a stream (normally a socket's input stream). Not thread-safe.
 *
 * <p>Memory: the PDU length comes from the peer and is not trusted. A P-DATA-TF longer than
 * the maximum length we advertised, or any other PDU longer than
 * {@value #MAX_ASSOCIATION_PDU_LENGTH} bytes, is refused before its body is read. Within those
 * caps the buffer grows only as bytes actually arrive, so a lying length field costs nothing.
 *
 * <p>Lifetime: the reader reuses one buffer for every PDU. The {@link Pdv}s of a returned
 * {@link PDataTf} are slices of that buffer and stay valid only until the next {@link #read()};
 * copy them ({@link Pdv#toByteArray()}) or consume them before reading again. All other PDU
 * types own their data.
 */
public final class PduReader {
    /** Cap on the length of any PDU other than P-DATA-TF; a real A-ASSOCIATE-RQ is a few KiB. */
    public static final int MAX_ASSOCIATION_PDU_LENGTH = 1 << 20;

    // Largest Java array we will ask for; the unlimited case (maxPduLength 0) still has to stop somewhere.
    private static final int MAX_BUFFER = Integer.MAX_VALUE - 16;
    private static final int FIRST_CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxPduLength;
    private byte[] buf = new byte[PduCodec.P_DATA_HEADER_LENGTH];

    /**
     * @param in the stream to read from; not closed by this class
     * @param maxPduLength the Maximum Length we advertised: the largest P-DATA-TF PDU length
     *        (bytes after the 6-byte header) we accept, 0 for unlimited
     */
    public PduReader(InputStream in, int maxPduLength) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxPduLength < 0) {
            throw new IllegalArgumentException("maximum PDU length must be >= 0 (0 = unlimited): " + maxPduLength);
        }
        this.maxPduLength = maxPduLength;
    }

    /**
     * Reads exactly one PDU.
     *
     * @return the PDU, or null when the stream ends cleanly before the first byte of a PDU
     * @throws EOFException when the stream ends inside a PDU
     * @throws PduException when the PDU type is unknown, its length exceeds the cap, or its
     *         content is invalid; the exception names the A-ABORT reason to send
     * @throws IOException when the stream fails
     */
    public Pdu read() throws IOException, PduException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        buf[0] = (byte) first;
        readFully(1, PduCodec.HEADER_LENGTH, "PDU header");
        PduType type = PduType.of(first);
        if (type == null) {
            throw new PduException(AbortReason.UNRECOGNIZED_PDU,
                    String.format("PDU type at offset 0: %02XH is not a PDU type", first) + tlsHint(buf));
        }
        long length = PduCodec.pduLengthUnsigned(buf, 0);
        long cap = type == PduType.P_DATA_TF
                ? (maxPduLength == 0 ? MAX_BUFFER - PduCodec.HEADER_LENGTH : maxPduLength)
                : MAX_ASSOCIATION_PDU_LENGTH;
        if (length > cap) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, type.standardName()
                    + ", PDU length at offset 2: " + length + " exceeds the maximum of " + cap
                    + (type == PduType.P_DATA_TF ? " we negotiated" : " accepted for this PDU type"));
        }
        int total = PduCodec.HEADER_LENGTH + (int) length;
        readFully(PduCodec.HEADER_LENGTH, total, type.standardName());
        return PduCodec.decode(buf, 0, total);
    }

    /**
     * A TLS record (content type 14H to 17H, protocol major version 03H) where a PDU should be means TLS
     * on one side only, the usual cause of this error: say so.
     */
    private static String tlsHint(byte[] header) {
        int contentType = header[0] & 0xFF;
        if (contentType < 0x14 || contentType > 0x17 || header[1] != 3 || (header[2] & 0xFF) > 4) {
            return "";
        }
        String what = contentType == 0x15 ? "alert" : contentType == 0x16 ? "handshake" : "record";
        return "; the bytes are a TLS " + what + ": is TLS enabled on one side only?";
    }

    /**
     * Fills {@code buf[from, to)}, growing the buffer geometrically as data arrives rather than
     * to {@code to} up front.
     */
    private void readFully(int from, int to, String what) throws IOException {
        int pos = from;
        while (pos < to) {
            if (pos == buf.length) {
                int grown = (int) Math.min(to, Math.max(FIRST_CHUNK, 2L * buf.length));
                buf = Arrays.copyOf(buf, grown);
            }
            int n = in.read(buf, pos, Math.min(to, buf.length) - pos);
            if (n < 0) {
                throw new EOFException(what + " truncated: stream ended after " + pos + " of " + to + " bytes");
            }
            pos += n;
        }
    }
}
