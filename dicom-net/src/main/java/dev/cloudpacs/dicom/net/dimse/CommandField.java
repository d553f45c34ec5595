package dev.cloudpacs.dicom.net.dimse;

/**
 * The value of Command Field (0000,0100): one constant per DIMSE message, as listed in PS3.7
 * section 9.3 (DIMSE-C) and section 10.3 (DIMSE-N). A response code is its request code with bit 15
 * set; C-CANCEL-RQ (0FFF) is the only request without a response.
 */
public enum CommandField {
    C_STORE_RQ(0x0001, "C-STORE-RQ"),
    C_STORE_RSP(0x8001, "C-STORE-RSP"),
    C_GET_RQ(0x0010, "C-GET-RQ"),
    C_GET_RSP(0x8010, "C-GET-RSP"),
    C_FIND_RQ(0x0020, "C-FIND-RQ"),
    C_FIND_RSP(0x8020, "C-FIND-RSP"),
    C_MOVE_RQ(0x0021, "C-MOVE-RQ"),
    C_MOVE_RSP(0x8021, "C-MOVE-RSP"),
    C_ECHO_RQ(0x0030, "C-ECHO-RQ"),
    C_ECHO_RSP(0x8030, "C-ECHO-RSP"),
    N_EVENT_REPORT_RQ(0x0100, "N-EVENT-REPORT-RQ"),
    N_EVENT_REPORT_RSP(0x8100, "N-EVENT-REPORT-RSP"),
    N_GET_RQ(0x0110, "N-GET-RQ"),
    N_GET_RSP(0x8110, "N-GET-RSP"),
    N_SET_RQ(0x0120, "N-SET-RQ"),
    N_SET_RSP(0x8120, "N-SET-RSP"),
    N_ACTION_RQ(0x0130, "N-ACTION-RQ"),
    N_ACTION_RSP(0x8130, "N-ACTION-RSP"),
    N_CREATE_RQ(0x0140, "N-CREATE-RQ"),
    N_CREATE_RSP(0x8140, "N-CREATE-RSP"),
    N_DELETE_RQ(0x0150, "N-DELETE-RQ"),
    N_DELETE_RSP(0x8150, "N-DELETE-RSP"),
    C_CANCEL_RQ(0x0FFF, "C-CANCEL-RQ");

    /** Bit 15 of the code distinguishes responses from requests. */
    private static final int RESPONSE_BIT = 0x8000;

    private final int code;
    private final String text;

    CommandField(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The value encoded in (0000,0100). */
    public int code() {
        return code;
    }

    /** True for requests (including C-CANCEL-RQ), false for responses. */
    public boolean isRequest() {
        return (code & RESPONSE_BIT) == 0;
    }

    /** True for the DIMSE-N messages (PS3.7 section 10), false for DIMSE-C. */
    public boolean isNormalized() {
        return (code & 0x0F00) == 0x0100;
    }

    /**
     * The response to this request; a response returns itself; null for C-CANCEL-RQ, which is never
     * answered (the cancelled operation's final response answers it, PS3.7 section 9.3.2.3).
     */
    public CommandField response() {
        if (!isRequest()) {
            return this;
        }
        return this == C_CANCEL_RQ ? null : of(code | RESPONSE_BIT);
    }

    /** The request this response answers; a request returns itself. */
    public CommandField request() {
        return isRequest() ? this : of(code & ~RESPONSE_BIT);
    }

    /** The constant for a (0000,0100) value, or null when the code is not a DIMSE command. */
    public static CommandField of(int code) {
        for (CommandField f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }

    /** The name PS3.7 uses, e.g. "C-STORE-RQ". */
    @Override
    public String toString() {
        return text;
    }
}
