package dev.cloudpacs.dicom.net.pdu;

/**
 * Reason/Diag. field of an A-ABORT PDU (PS3.8 section 9.3.8, Table 9-26, byte 10), also the
 * verdict a {@link PduException} carries. Only significant when the source is the service
 * provider. {@link #of(int)} never fails: undefined codes map to {@link #RESERVED} and
 * {@link AAbort} keeps the raw byte.
 */
public enum AbortReason {
    /** 0: reason-not-specified. */
    NOT_SPECIFIED(0, "reason-not-specified", "the peer gave no detail; check its log"),
    /** 1: unrecognized-PDU. */
    UNRECOGNIZED_PDU(1, "unrecognized-PDU",
            "a PDU type was not recognized; check that both ends speak DICOM on this port (and agree on TLS)"),
    /** 2: unexpected-PDU. */
    UNEXPECTED_PDU(2, "unexpected-PDU",
            "a valid PDU arrived in a state where it is not allowed; one side broke the protocol sequence"),
    /** 3 and any undefined code: reserved. */
    RESERVED(3, "reserved", "the code is not defined by PS3.8"),
    /** 4: unrecognized-PDU parameter. */
    UNRECOGNIZED_PDU_PARAMETER(4, "unrecognized-PDU parameter",
            "a PDU carried a parameter the receiver does not know"),
    /** 5: unexpected-PDU parameter. */
    UNEXPECTED_PDU_PARAMETER(5, "unexpected-PDU parameter",
            "a PDU carried an item where it must not be (wrong PDU, or a duplicate)"),
    /** 6: invalid-PDU-parameter value. */
    INVALID_PDU_PARAMETER_VALUE(6, "invalid-PDU-parameter value",
            "a length or value in a PDU was out of range; a PDU larger than the negotiated maximum length "
                    + "is the usual cause");

    private final int code;
    private final String words;
    private final String hint;

    AbortReason(int code, String words, String hint) {
        this.code = code;
        this.words = words;
        this.hint = hint;
    }

    /** The byte written for this reason. */
    public int code() {
        return code;
    }

    /** The standard's words, e.g. {@code "unexpected-PDU"}. */
    public String standardName() {
        return words;
    }

    /** The standard's words followed by a hint for the user. */
    public String describe() {
        return words + ": " + hint;
    }

    /** The reason for a byte; undefined codes give {@link #RESERVED}. */
    public static AbortReason of(int code) {
        return switch (code) {
            case 0 -> NOT_SPECIFIED;
            case 1 -> UNRECOGNIZED_PDU;
            case 2 -> UNEXPECTED_PDU;
            case 4 -> UNRECOGNIZED_PDU_PARAMETER;
            case 5 -> UNEXPECTED_PDU_PARAMETER;
            case 6 -> INVALID_PDU_PARAMETER_VALUE;
            default -> RESERVED;
        };
    }
}
