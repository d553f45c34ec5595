package dev.cloudpacs.dicom.net.pdu;

/**
 * One DICOM Upper Layer protocol data unit (PS3.8 section 9.3). Encode and decode with
 * {@link PduCodec}; read from a stream with {@link PduReader}.
 */
public sealed interface Pdu permits AAssociateRq, AAssociateAc, AAssociateRj, PDataTf, AReleaseRq, AReleaseRp,
        AAbort {

    /** The PDU type, i.e. the first byte on the wire. */
    PduType type();
}
