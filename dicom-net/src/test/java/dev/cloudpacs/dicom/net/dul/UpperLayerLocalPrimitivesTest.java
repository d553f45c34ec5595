package dev.cloudpacs.dicom.net.dul;

import dev.cloudpacs.dicom.net.assoc.PeerEvent;
import dev.cloudpacs.dicom.net.assoc.ScriptedPeer;
import dev.cloudpacs.dicom.net.pdu.AAbort;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.AReleaseRp;
import dev.cloudpacs.dicom.net.pdu.AReleaseRq;
import dev.cloudpacs.dicom.net.pdu.PDataTf;
import dev.cloudpacs.dicom.net.pdu.PduCodec;
import dev.cloudpacs.dicom.net.pdu.Pdv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The states where the upper layer waits for its local user (Sta3, Sta8, the release collision states
 * Sta9 to Sta12), reached with a real {@link UpperLayer} on a loopback socket whose listener records
 * each indication and answers only when the test says so. Every network event is injected in each of
 * them; the local primitives are checked where the table allows them and refused where it does not.
 */
@Timeout(30)
class UpperLayerLocalPrimitivesTest {
    private static final long ARTIM = 1_000;
    private static final long WAIT = PeerEvent.WAIT;

    /** Records indications as words: "associate", "accepted", "release", "released", "aborted", "closed"... */
    private static final class Recorder implements UpperLayerListener {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @Override
        public void associateIndication(AAssociateRq rq) {
            seen.add("associate");
        }

        @Override
        public void associateAccepted(AAssociateAc ac) {
            seen.add("accepted");
        }

        @Override
        public void associateRejected(AAssociateRj rj) {
            seen.add("rejected");
        }

        @Override
        public void pData(PDataTf pdu) {
            seen.add("p-data");
        }

        @Override
        public void releaseIndication() {
            seen.add("release");
        }

        @Override
        public void releaseConfirmed() {
            seen.add("released");
        }

        @Override
        public void aborted(AAbort abort, EndReason reason) {
            seen.add(abort != null ? "aborted by peer" : "aborted");
        }

        @Override
        public void closed() {
            seen.add("closed");
        }

        void expect(String indication) throws InterruptedException {
            assertEquals(indication, seen.poll(WAIT, TimeUnit.MILLISECONDS), "indication");
        }
    }

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Recorder recorder = new Recorder();
    private ScriptedPeer peer;
    private UpperLayer ul;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private void start(boolean requestor) throws IOException {
        ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        cleanup.add(ss);
        Socket ours;
        if (requestor) {
            ours = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
            peer = ScriptedPeer.accept(ss);
        } else {
            peer = ScriptedPeer.connect(ss.getLocalPort());
            ours = ss.accept();
        }
        cleanup.add(peer);
        cleanup.add(ours);
        ul = new UpperLayer(ours, requestor, 16_384, ARTIM, recorder);
        if (requestor) {
            ul.associateRequest(ScriptedPeer.rq("SCP", "SCU"));
        } else {
            ul.transportIndication();
        }
        Thread.ofVirtual().start(() -> ul.readLoop(0));
    }

    /** The acceptor in Sta3: the A-ASSOCIATE indication is delivered and not yet answered. */
    private void acceptorSta3() throws Exception {
        start(false);
        peer.send(ScriptedPeer.rq("SCP", "SCU"));
        recorder.expect("associate");
        assertEquals(State.STA3, ul.state());
    }

    /** Sta6 on either side. */
    private void sta6(boolean requestor) throws Exception {
        if (requestor) {
            start(true);
            AAssociateRq rq = peer.expect(AAssociateRq.class);
            peer.send(ScriptedPeer.ac(rq));
            recorder.expect("accepted");
        } else {
            acceptorSta3();
            ul.accept(ScriptedPeer.ac(ScriptedPeer.rq("SCP", "SCU")));
            peer.expect(AAssociateAc.class);
        }
        assertEquals(State.STA6, ul.state());
    }

    /** Reaches {@code target}: Sta3 and Sta8 as acceptor, Sta9/Sta11 as requestor, Sta10/Sta12 as acceptor. */
    private void reach(State target) throws Exception {
        switch (target) {
            case STA3 -> acceptorSta3();
            case STA8 -> {
                sta6(false);
                peer.send(ScriptedPeer.releaseRq());
                recorder.expect("release");
            }
            case STA9, STA11 -> {
                sta6(true);
                ul.releaseRequest();
                peer.expect(AReleaseRq.class);
                peer.send(ScriptedPeer.releaseRq());
                recorder.expect("release");
                if (target == State.STA11) {
                    ul.releaseResponse();
                    peer.expect(AReleaseRp.class);
                }
            }
            case STA10, STA12 -> {
                sta6(false);
                ul.releaseRequest();
                peer.expect(AReleaseRq.class);
                peer.send(ScriptedPeer.releaseRq());
                recorder.expect("release");
                if (target == State.STA12) {
                    peer.send(ScriptedPeer.releaseRp());
                    recorder.expect("released");
                }
            }
            default -> throw new IllegalArgumentException(target.toString());
        }
        assertEquals(target, ul.state());
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (State s : List.of(State.STA3, State.STA8, State.STA9, State.STA10, State.STA11, State.STA12)) {
            for (PeerEvent e : PeerEvent.values()) {
                out.add(Arguments.of(s, e, StateTable.action(s, e.event)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("cases")
    void networkEventWhileAwaitingTheLocalUser(State state, PeerEvent event, Action action) throws Exception {
        reach(state);
        event.into(peer, PDataTf.of(new Pdv(1, true, true, new byte[] {1, 2})));
        switch (action) {
            case AR_10 -> { // Sta10: the peer's A-RELEASE-RP; we answer our A-RELEASE response in Sta12.
                recorder.expect("released");
                assertEquals(State.STA12, ul.state());
                ul.releaseResponse();
                peer.expect(AReleaseRp.class);
                assertEquals(State.STA13, ul.state());
                peer.close();
            }
            case AR_3 -> { // Sta11: the peer's A-RELEASE-RP ends the collision; we close.
                recorder.expect("released");
                peer.expectClosed();
            }
            default -> {
                event.checkAbortAction(action, peer, ul);
                if (action == Action.AA_8 || action == Action.AA_4) {
                    recorder.expect("aborted"); // A-P-ABORT indication
                } else if (action == Action.AA_3) {
                    recorder.expect("aborted by peer"); // A-ABORT indication
                }
            }
        }
        assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT));
        // The transport-closed notice is always the last call.
        for (String next = ""; !"closed".equals(next); ) {
            next = recorder.seen.poll(WAIT, TimeUnit.MILLISECONDS);
            assertTrue(next != null, "no closed() after Sta1");
        }
    }

    // ---- local primitives -------------------------------------------------------------------------

    @Test
    void sta3AcceptSendsAcAndEntersSta6() throws Exception {
        acceptorSta3();
        ul.accept(ScriptedPeer.ac(ScriptedPeer.rq("SCP", "SCU")));
        peer.expect(AAssociateAc.class);
        assertEquals(State.STA6, ul.state());
    }

    @Test
    void sta3RejectSendsRjThenClosesAfterArtimIfThePeerDoesNot() throws Exception {
        acceptorSta3();
        ul.reject(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED);
        assertEquals(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED, peer.expect(AAssociateRj.class));
        assertEquals(State.STA13, ul.state());
        peer.expectClosed(); // AE-8 started ARTIM; Evt18 in Sta13 is AA-2
        assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT));
    }

    @Test
    void sta8MaySendDataBeforeAnsweringTheRelease() throws Exception {
        reach(State.STA8);
        byte[] pdu = PduCodec.encode(PDataTf.of(new Pdv(1, true, true, new byte[] {9})));
        ul.pData(out -> out.write(pdu)); // AR-7
        PDataTf got = peer.expect(PDataTf.class);
        assertArrayEquals(new byte[] {9}, got.pdvs().get(0).toByteArray());
        assertEquals(State.STA8, ul.state());
        ul.releaseResponse(); // AR-4
        peer.expect(AReleaseRp.class);
        assertEquals(State.STA13, ul.state());
        peer.close();
        assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT));
    }

    @Test
    void localAbortSendsServiceUserAbortInEveryWaitingState() throws Exception {
        for (State s : List.of(State.STA3, State.STA8, State.STA9, State.STA10, State.STA11, State.STA12)) {
            tearDown();
            cleanup.clear();
            recorder = new Recorder(); // the previous connection's last indications may still be arriving
            reach(s);
            ul.abort("test"); // Evt15: AA-1
            peer.expectAbort(0, 0);
            assertEquals(State.STA13, ul.state(), s.label());
            peer.close();
            assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT), s.label());
        }
    }

    @Test
    void primitivesInBlankCellsAreRefused() throws Exception {
        reach(State.STA3);
        assertThrows(IllegalStateException.class, ul::releaseRequest); // Evt11 in Sta3
        assertThrows(IllegalStateException.class, () -> ul.pData(out -> { })); // Evt9 in Sta3
        assertThrows(IllegalStateException.class, ul::releaseResponse); // Evt14 in Sta3
        assertEquals(State.STA3, ul.state());
        ul.accept(ScriptedPeer.ac(ScriptedPeer.rq("SCP", "SCU")));
        peer.expect(AAssociateAc.class);
        assertThrows(IllegalStateException.class, () -> ul.accept(ScriptedPeer.ac(ScriptedPeer.rq("SCP", "SCU"))));
        assertEquals(State.STA6, ul.state());
    }

    @Test
    void sta10RefusesTheReleaseResponseUntilThePeersReleaseRpArrives() throws Exception {
        reach(State.STA10);
        assertThrows(IllegalStateException.class, ul::releaseResponse); // Evt14 is blank in Sta10
        peer.send(ScriptedPeer.releaseRp());
        recorder.expect("released");
        ul.releaseResponse(); // Sta12: AR-4
        peer.expect(AReleaseRp.class);
        peer.close();
        assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT));
    }
}
