package dev.cloudpacs.dicom.net.pdu;

import java.util.Objects;

/**
 * A received PDU that cannot be accepted. Carries the A-ABORT reason the association layer
 * should send (PS3.8 section 9.3.8; state machine action AA-8 in section 9.2) and a message
 * naming the PDU, the item and the byte offset from the first byte of the PDU, e.g.
 * {@code "A-ASSOCIATE-RQ, Presentation Context item (20H) at offset 74: item length 300
 * exceeds the 120 bytes left in the PDU"}.
 */
public class PduException extends Exception {
    private final AbortReason abortReason;

    /** A PDU error with the abort reason to send and a message for the log. */
    public PduException(AbortReason abortReason, String message) {
        super(message);
        this.abortReason = Objects.requireNonNull(abortReason, "abortReason");
    }

    /** The reason to put in the A-ABORT sent in response. */
    public AbortReason abortReason() {
        return abortReason;
    }

    /** The A-ABORT to send: source service-provider, this exception's reason. */
    public AAbort toAbort() {
        return AAbort.byServiceProvider(abortReason);
    }
}
