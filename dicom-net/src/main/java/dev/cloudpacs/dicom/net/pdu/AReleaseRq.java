package dev.cloudpacs.dicom.net.pdu;

/** A-RELEASE-RQ PDU (PS3.8 section 9.3.6, Table 9-24): a fixed 10-byte PDU without parameters. */
public record AReleaseRq() implements Pdu {
    /** The only value anyone needs; all instances are equal anyway. */
    public static final AReleaseRq INSTANCE = new AReleaseRq();

    @Override
    public PduType type() {
        return PduType.A_RELEASE_RQ;
    }
}
