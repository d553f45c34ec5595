package dev.cloudpacs.dicom.net.pdu;

/**
 * Source field of an A-ABORT PDU (PS3.8 section 9.3.8, Table 9-26, byte 9).
 * {@link #of(int)} never fails: codes the standard does not define map to {@link #RESERVED};
 * {@link AAbort} keeps the raw byte so nothing is lost.
 */
public enum AbortSource {
    /** 0: DICOM UL service-user (initiated abort), i.e. the peer application. */
    SERVICE_USER(0, "DICOM UL service-user (initiated abort)"),
    /** 1 and any undefined code: reserved. */
    RESERVED(1, "reserved"),
    /** 2: DICOM UL service-provider (initiated abort), i.e. the peer's protocol machine. */
    SERVICE_PROVIDER(2, "DICOM UL service-provider (initiated abort)");

    private final int code;
    private final String words;

    AbortSource(int code, String words) {
        this.code = code;
        this.words = words;
    }

    /** The byte written for this source. */
    public int code() {
        return code;
    }

    /** The standard's wording. */
    public String describe() {
        return words;
    }

    /** The source for a byte; undefined codes give {@link #RESERVED}. */
    public static AbortSource of(int code) {
        return switch (code) {
            case 0 -> SERVICE_USER;
            case 2 -> SERVICE_PROVIDER;
            default -> RESERVED;
        };
    }
}
