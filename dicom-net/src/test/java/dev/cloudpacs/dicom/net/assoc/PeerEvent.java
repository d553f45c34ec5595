package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dul.Action;
import dev.cloudpacs.dicom.net.dul.Event;
import dev.cloudpacs.dicom.net.dul.State;
import dev.cloudpacs.dicom.net.dul.UpperLayer;
import dev.cloudpacs.dicom.net.pdu.AAbort;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.PDataTf;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The network events a scripted peer can cause, with the event number PS3.8 Table 9-10 gives them. */
public enum PeerEvent {
    AC(Event.EVT3), RJ(Event.EVT4), RQ(Event.EVT6), P_DATA(Event.EVT10), RELEASE_RQ(Event.EVT12),
    RELEASE_RP(Event.EVT13), ABORT(Event.EVT16), CLOSE(Event.EVT17), UNKNOWN_PDU_TYPE(Event.EVT19),
    BAD_PDU_LENGTH(Event.EVT19);

    /** Long enough for a loaded machine; every wait in these tests is bounded by it. */
    public static final long WAIT = 10_000;

    public final Event event;

    PeerEvent(Event event) {
        this.event = event;
    }

    /** The A-ABORT reason for refusing this PDU: unrecognized-PDU, invalid parameter, else unexpected-PDU. */
    public int abortReason() {
        return this == UNKNOWN_PDU_TYPE ? 1 : this == BAD_PDU_LENGTH ? 6 : 2;
    }

    /** Makes the event happen; {@code pData} is the P-DATA-TF to send for {@link #P_DATA}. */
    public void into(ScriptedPeer peer, PDataTf pData) throws IOException {
        AAssociateRq rq = ScriptedPeer.rq("SCP", "SCU");
        switch (this) {
            case AC -> peer.send(ScriptedPeer.ac(rq));
            case RJ -> peer.send(ScriptedPeer.rj());
            case RQ -> peer.send(rq);
            case P_DATA -> peer.send(pData);
            case RELEASE_RQ -> peer.send(ScriptedPeer.releaseRq());
            case RELEASE_RP -> peer.send(ScriptedPeer.releaseRp());
            case ABORT -> peer.send(new AAbort(0, 0));
            case CLOSE -> peer.close();
            case UNKNOWN_PDU_TYPE -> peer.sendRaw(ScriptedPeer.UNKNOWN_PDU_TYPE);
            case BAD_PDU_LENGTH -> peer.sendRaw(ScriptedPeer.BAD_LENGTH);
        }
    }

    /**
     * Checks the error and teardown actions: AA-1/AA-7/AA-8 send an A-ABORT (service-provider) and
     * wait in Sta13 for the peer to close; AA-2/AA-3 close at once; AA-4/AA-5/AR-5 follow the peer's
     * close; AA-6 sends nothing (proved by the A-ABORT that a following A-ASSOCIATE-RQ draws, AA-7,
     * being the next PDU). Ends with the peer closed and, where {@code ul} is known, Sta1.
     *
     * @param ul the upper layer when the test can see it, else null
     */
    public void checkAbortAction(Action action, ScriptedPeer peer, UpperLayer ul) throws Exception {
        switch (action) {
            case AA_1, AA_7, AA_8 -> {
                peer.expectAbort(2, abortReason());
                if (ul != null) {
                    assertEquals(State.STA13, ul.state(), "waiting for the peer to close");
                }
                peer.close();
            }
            case AA_2, AA_3 -> peer.expectClosed();
            case AA_4, AA_5, AR_5 -> assertEquals(CLOSE, this);
            case AA_6 -> {
                peer.send(ScriptedPeer.rq("SCP", "SCU"));
                peer.expectAbort(2, 2);
                if (ul != null) {
                    assertEquals(State.STA13, ul.state());
                }
                peer.close();
            }
            default -> throw new AssertionError("not an abort action: " + action);
        }
        if (ul != null) {
            assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT));
        }
    }
}
