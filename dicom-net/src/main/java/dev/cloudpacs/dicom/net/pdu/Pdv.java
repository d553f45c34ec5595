package dev.cloudpacs.dicom.net.pdu;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Presentation Data Value item of a P-DATA-TF PDU (PS3.8 section 9.3.5.1, Table 9-23, and
 * the message control header of PS3.8 Annex E.2). The fragment is a slice of {@code data}; no
 * copy is made when constructing or decoding, so the owner of the array must keep it unchanged
 * while the PDV is in use (a PDV from {@link PduReader} is valid until its next read).
 *
 * @param presentationContextId the presentation context the fragment belongs to (a byte)
 * @param command true for a command fragment (bit 0 of the control header), false for a data set
 * @param last true for the last fragment of the command or data set (bit 1 of the control header)
 * @param data the array holding the fragment
 * @param offset where the fragment starts in {@code data}
 * @param length the fragment length in bytes (may be zero)
 */
public record Pdv(int presentationContextId, boolean command, boolean last, byte[] data, int offset, int length) {

    /** Validates the id range and that the slice lies inside {@code data}. */
    public Pdv {
        if ((presentationContextId & ~0xFF) != 0) {
            throw new IllegalArgumentException("presentation context ID is a byte: " + presentationContextId);
        }
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
    }

    /** A PDV carrying the whole of {@code data}. */
    public Pdv(int presentationContextId, boolean command, boolean last, byte[] data) {
        this(presentationContextId, command, last, data, 0, data.length);
    }

    /** The message control header byte: bit 0 command, bit 1 last fragment (PS3.8 E.2). */
    public int messageControlHeader() {
        return (command ? 1 : 0) | (last ? 2 : 0);
    }

    /** A copy of the fragment bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(data, offset, offset + length);
    }

    /** PDV fragments are equal when their flags, context and fragment bytes are; where they sit is irrelevant. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Pdv p && p.presentationContextId == presentationContextId && p.command == command
                && p.last == last
                && Arrays.equals(data, offset, offset + length, p.data, p.offset, p.offset + p.length);
    }

    @Override
    public int hashCode() {
        int h = presentationContextId * 31 + messageControlHeader();
        for (int i = offset; i < offset + length; i++) {
            h = h * 31 + data[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "Pdv[pcid=" + presentationContextId + (command ? ", command" : ", data") + (last ? ", last" : "")
                + ", " + length + " bytes]";
    }
}
