package dev.cloudpacs.dicom.net.pdu;

/** A-RELEASE-RP PDU (PS3.8 section 9.3.7, Table 9-25): a fixed 10-byte PDU without parameters. */
public record AReleaseRp() implements Pdu {
    /** The only value anyone needs; all instances are equal anyway. */
    public static final AReleaseRp INSTANCE = new AReleaseRp();

    @Override
    public PduType type() {
        return PduType.A_RELEASE_RP;
    }
}
