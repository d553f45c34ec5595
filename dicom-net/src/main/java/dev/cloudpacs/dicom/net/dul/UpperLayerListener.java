package dev.cloudpacs.dicom.net.dul;

import dev.cloudpacs.dicom.net.pdu.AAbort;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.PDataTf;

import java.io.IOException;

/**
 * Indication and confirmation primitives the upper layer delivers to its service user (the association).
 * All are called on the connection's reader thread, in order.
 */
public interface UpperLayerListener {
    /** A-ASSOCIATE indication (Sta3): answer with {@link UpperLayer#accept} or {@link UpperLayer#reject}. */
    void associateIndication(AAssociateRq rq);

    /** A-ASSOCIATE confirmation (accept). */
    void associateAccepted(AAssociateAc ac);

    /** A-ASSOCIATE confirmation (reject); the connection is closed. */
    void associateRejected(AAssociateRj rj);

    /** P-DATA indication. The PDU's buffers are valid only during the call. */
    void pData(PDataTf pdu) throws IOException;

    /** A-RELEASE indication: answer with {@link UpperLayer#releaseResponse()} once ready. */
    void releaseIndication();

    /** A-RELEASE confirmation; the connection is closed. */
    void releaseConfirmed();

    /**
     * A-ABORT or A-P-ABORT indication; the association is gone.
     *
     * @param abort  the peer's A-ABORT PDU, or null for a provider abort raised locally
     * @param reason what happened
     */
    void aborted(AAbort abort, EndReason reason);

    /** The transport connection is closed (always the last call). */
    void closed();
}
