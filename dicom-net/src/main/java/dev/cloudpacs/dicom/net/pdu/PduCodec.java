package dev.cloudpacs.dicom.net.pdu;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes whole PDUs (PS3.8 section 9.3). Every PDU starts with the 6-byte header
 * of PS3.8 9.3.1: type, reserved, 32-bit big-endian PDU length counting the bytes after the
 * header. Stateless and thread-safe; see the package documentation for the decoding policy.
 */
public final class PduCodec {
    /** Bytes of the common PDU header: type, reserved, 32-bit length. */
    public static final int HEADER_LENGTH = 6;
    /** Bytes {@link #writePDataHeader} writes: PDU header, PDV length, context ID, control header. */
    public static final int P_DATA_HEADER_LENGTH = 12;
    /** PDU length of A-ASSOCIATE-RJ, A-RELEASE-RQ/RP and A-ABORT (PS3.8 Tables 9-21, 9-24 to 9-26). */
    static final int FIXED_PDU_LENGTH = 4;

    private PduCodec() {
    }

    /**
     * Encodes one PDU including its header.
     *
     * @throws IllegalArgumentException when the PDU cannot be represented: a field too long for
     *         its length field, an A-ASSOCIATE without presentation contexts, or a user
     *         information sub-item in the wrong direction
     */
    public static byte[] encode(Pdu pdu) {
        Objects.requireNonNull(pdu, "pdu");
        PduOutput out = new PduOutput(pdu instanceof PDataTf p ? pDataLength(p) + HEADER_LENGTH : 256);
        out.u8(pdu.type().code());
        out.u8(0);
        int lengthField = out.size();
        out.u32(0);
        switch (pdu) {
            case AAssociateRq rq -> AssociateCodec.encodeRq(rq, out);
            case AAssociateAc ac -> AssociateCodec.encodeAc(ac, out);
            case AAssociateRj rj -> {
                // Table 9-21: reserved, result, source, reason/diag.
                out.u8(0);
                out.u8(rj.result().code());
                out.u8(rj.source().code());
                out.u8(rj.reason());
            }
            case PDataTf p -> {
                for (Pdv pdv : p.pdvs()) {
                    // Table 9-23: 32-bit item length (context ID + PDV data), context ID, control header, fragment.
                    out.u32(pdv.length() + 2L);
                    out.u8(pdv.presentationContextId());
                    out.u8(pdv.messageControlHeader());
                    out.bytes(pdv.data(), pdv.offset(), pdv.length());
                }
            }
            case AReleaseRq r -> out.zeros(4);
            case AReleaseRp r -> out.zeros(4);
            case AAbort a -> {
                // Table 9-26: two reserved bytes, source, reason/diag.
                out.zeros(2);
                out.u8(a.sourceCode());
                out.u8(a.reasonCode());
            }
        }
        out.patchU32(lengthField, out.size() - HEADER_LENGTH);
        return out.toByteArray();
    }

    private static int pDataLength(PDataTf p) {
        long n = 0;
        for (Pdv pdv : p.pdvs()) {
            n += 6L + pdv.length();
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("P-DATA-TF too large for one array: " + n + " bytes");
        }
        return (int) n;
    }

    /**
     * Decodes one whole PDU, header included, from {@code pdu[offset, offset + length)}. The PDU
     * length field must match {@code length - 6} exactly. The PDVs of a decoded P-DATA-TF are
     * slices of {@code pdu}, not copies.
     *
     * @throws PduException for anything that is not a valid PDU; the exception names the
     *         A-ABORT reason to send and the offending byte offset
     * @throws IndexOutOfBoundsException when the range lies outside the array (a caller bug)
     */
    public static Pdu decode(byte[] pdu, int offset, int length) throws PduException {
        Objects.checkFromIndexSize(offset, length, pdu.length);
        if (length < HEADER_LENGTH) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    "PDU header at offset 0: needs 6 bytes, got " + length);
        }
        int code = pdu[offset] & 0xFF;
        PduType type = PduType.of(code);
        if (type == null) {
            throw new PduException(AbortReason.UNRECOGNIZED_PDU,
                    String.format("PDU type at offset 0: %02XH is not a PDU type", code));
        }
        PduInput in = new PduInput(pdu, offset, type);
        long declared = in.u32(offset + 2);
        if (declared != length - HEADER_LENGTH) {
            throw in.invalid(offset + 2, "PDU length", "the field says " + declared + " but "
                    + (length - HEADER_LENGTH) + " bytes follow the header");
        }
        int end = offset + length;
        return switch (type) {
            case A_ASSOCIATE_RQ -> AssociateCodec.decodeRq(in, end);
            case A_ASSOCIATE_AC -> AssociateCodec.decodeAc(in, end);
            case A_ASSOCIATE_RJ -> {
                fixedLength(in, length);
                AAssociateRj.Result result = AAssociateRj.Result.of(in.u8(offset + 7));
                if (result == null) {
                    throw in.invalid(offset + 7, "result", in.u8(offset + 7) + " is not defined");
                }
                AAssociateRj.Source source = AAssociateRj.Source.of(in.u8(offset + 8));
                if (source == null) {
                    throw in.invalid(offset + 8, "source", in.u8(offset + 8) + " is not defined");
                }
                yield new AAssociateRj(result, source, in.u8(offset + 9));
            }
            case P_DATA_TF -> decodePData(in, end);
            case A_RELEASE_RQ -> {
                fixedLength(in, length);
                yield AReleaseRq.INSTANCE;
            }
            case A_RELEASE_RP -> {
                fixedLength(in, length);
                yield AReleaseRp.INSTANCE;
            }
            case A_ABORT -> {
                fixedLength(in, length);
                yield new AAbort(in.u8(offset + 8), in.u8(offset + 9));
            }
        };
    }

    /** Decodes a whole PDU held in {@code pdu}. */
    public static Pdu decode(byte[] pdu) throws PduException {
        return decode(pdu, 0, pdu.length);
    }

    private static void fixedLength(PduInput in, int length) throws PduException {
        if (length - HEADER_LENGTH != FIXED_PDU_LENGTH) {
            throw in.invalid(in.base + 2, "PDU length", (length - HEADER_LENGTH) + " where " + in.type
                    + " has exactly " + FIXED_PDU_LENGTH);
        }
    }

    private static PDataTf decodePData(PduInput in, int end) throws PduException {
        int pos = in.base + HEADER_LENGTH;
        if (pos == end) {
            throw in.invalid(pos, "PDV items", "a P-DATA-TF needs at least one PDV");
        }
        List<Pdv> pdvs = new ArrayList<>();
        while (pos < end) {
            if (end - pos < 4) {
                throw in.invalid(pos, "PDV item", "length field needs 4 bytes, only " + (end - pos) + " left");
            }
            long itemLength = in.u32(pos);
            if (itemLength < 2) {
                throw in.invalid(pos, "PDV item", "item length " + itemLength
                        + " cannot hold the context ID and message control header");
            }
            if (itemLength > end - pos - 4) {
                throw in.invalid(pos, "PDV item", "item length " + itemLength + " exceeds the " + (end - pos - 4)
                        + " bytes left in the PDU");
            }
            int control = in.u8(pos + 5);
            // Annex E.2: bits 2-7 of the control header are reserved, so they are not tested.
            pdvs.add(new Pdv(in.u8(pos + 4), (control & 1) != 0, (control & 2) != 0, in.b, pos + 6,
                    (int) itemLength - 2));
            pos += 4 + (int) itemLength;
        }
        return new PDataTf(pdvs);
    }

    /**
     * Writes the 12 bytes that precede a single-PDV P-DATA-TF's fragment: PDU header (type 04H,
     * PDU length {@code dataLength + 6}), PDV item length {@code dataLength + 2}, context ID and
     * message control header. The caller sends these followed by {@code dataLength} fragment
     * bytes from wherever they are, so large data sets go out without a copy.
     */
    public static void writePDataHeader(byte[] out, int off, int pcid, boolean command, boolean last,
            int dataLength) {
        Objects.checkFromIndexSize(off, P_DATA_HEADER_LENGTH, out.length);
        if ((pcid & ~0xFF) != 0) {
            throw new IllegalArgumentException("presentation context ID is a byte: " + pcid);
        }
        if (dataLength < 0) {
            throw new IllegalArgumentException("negative fragment length: " + dataLength);
        }
        out[off] = (byte) PduType.P_DATA_TF.code();
        out[off + 1] = 0;
        putU32(out, off + 2, dataLength + 6L);
        putU32(out, off + 6, dataLength + 2L);
        out[off + 10] = (byte) pcid;
        out[off + 11] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
    }

    /** The PDU length field of a header as the unsigned 32-bit value it is. */
    public static long pduLengthUnsigned(byte[] header, int offset) {
        Objects.checkFromIndexSize(offset, HEADER_LENGTH, header.length);
        return (header[offset + 2] & 0xFFL) << 24 | (header[offset + 3] & 0xFF) << 16
                | (header[offset + 4] & 0xFF) << 8 | header[offset + 5] & 0xFF;
    }

    /**
     * The PDU length field of a 6-byte header (bytes after the header), saturated at
     * {@link Integer#MAX_VALUE}: a length that large exceeds every cap and array anyway.
     */
    public static int pduLength(byte[] header6) {
        return (int) Math.min(pduLengthUnsigned(header6, 0), Integer.MAX_VALUE);
    }

    static void putU32(byte[] b, int pos, long v) {
        b[pos] = (byte) (v >>> 24);
        b[pos + 1] = (byte) (v >>> 16);
        b[pos + 2] = (byte) (v >>> 8);
        b[pos + 3] = (byte) v;
    }
}
