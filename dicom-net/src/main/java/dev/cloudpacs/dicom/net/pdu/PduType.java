package dev.cloudpacs.dicom.net.pdu;

/** The seven PDU types of the DICOM Upper Layer protocol (PS3.8 section 9.3.1; byte 1 of every PDU in 9.3.2-9.3.8). */
public enum PduType {
    A_ASSOCIATE_RQ(0x01, "A-ASSOCIATE-RQ"),
    A_ASSOCIATE_AC(0x02, "A-ASSOCIATE-AC"),
    A_ASSOCIATE_RJ(0x03, "A-ASSOCIATE-RJ"),
    P_DATA_TF(0x04, "P-DATA-TF"),
    A_RELEASE_RQ(0x05, "A-RELEASE-RQ"),
    A_RELEASE_RP(0x06, "A-RELEASE-RP"),
    A_ABORT(0x07, "A-ABORT");

    // Indexed by code so of() is a bounds check and an array load (called once per PDU read).
    private static final PduType[] BY_CODE = new PduType[8];

    static {
        for (PduType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String standardName;

    PduType(int code, String standardName) {
        this.code = code;
        this.standardName = standardName;
    }

    /** The PDU-type byte. */
    public int code() {
        return code;
    }

    /** The name the standard uses, e.g. {@code "A-ASSOCIATE-RQ"}. */
    public String standardName() {
        return standardName;
    }

    /** The type for a PDU-type byte, or null when the code is not a defined PDU type. */
    public static PduType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    @Override
    public String toString() {
        return standardName;
    }
}
