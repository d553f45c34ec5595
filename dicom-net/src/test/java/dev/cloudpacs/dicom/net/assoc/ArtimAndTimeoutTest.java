package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dul.EndReason;
import dev.cloudpacs.dicom.net.dul.State;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.AReleaseRp;
import dev.cloudpacs.dicom.net.pdu.AReleaseRq;
import dev.cloudpacs.dicom.net.pdu.PduCodec;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timers: ARTIM (PS3.8 9.1.5) on the acceptor before the A-ASSOCIATE-RQ and after our
 * A-ASSOCIATE-RJ, A-RELEASE-RP or A-ABORT when the peer does not close; the requestor's wait for
 * A-ASSOCIATE-AC/RJ and A-RELEASE-RP; the idle and DIMSE timeouts. Lower bounds are checked with the
 * clock (a timer cannot fire early); the upper bound is the peer's bounded read.
 */
@Timeout(30)
class ArtimAndTimeoutTest {
    private static final long ARTIM = 500;
    private static final long WAIT = PeerEvent.WAIT;
    private static final AssociationOptions OPTIONS = AssociationOptions.DEFAULT.withArtim(ARTIM)
            .withIdleTimeout(30_000).withDimseTimeout(WAIT);

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final CompletableFuture<Association> serverClosed = new CompletableFuture<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private ScriptedPeer connectToServer(AssociationOptions options) throws IOException {
        HandlerRegistry handlers = VerificationScp.register(new HandlerRegistry());
        DefaultAcceptorPolicy policy = new DefaultAcceptorPolicy(handlers, options).aeTitles(Set.of("SCP"));
        DicomServer server = DicomServer.start(InetAddress.getLoopbackAddress(), 0, null, options, handlers, policy,
                serverClosed::complete);
        cleanup.add(server);
        ScriptedPeer peer = ScriptedPeer.connect(server.port());
        cleanup.add(peer);
        return peer;
    }

    private static void assertAtLeast(long millis, long sinceNanos, String what) {
        long elapsed = (System.nanoTime() - sinceNanos) / 1_000_000;
        assertTrue(elapsed >= millis - 20, what + " after " + elapsed + " ms, before the " + millis + " ms timer");
    }

    private EndReason serverEndReason() throws Exception {
        Association as = serverClosed.get(WAIT, TimeUnit.MILLISECONDS);
        assertEquals(State.STA1, as.upperLayer().state());
        return as.endReason();
    }

    // ---- acceptor ---------------------------------------------------------------------------------

    @Test
    void acceptorClosesAConnectionThatNeverSendsAnAssociateRq() throws Exception {
        long t0 = System.nanoTime();
        ScriptedPeer peer = connectToServer(OPTIONS);
        peer.expectClosed(); // Sta2 + Evt18: AA-2, no A-ABORT
        assertAtLeast(ARTIM, t0, "closed");
        assertEquals(EndReason.of(EndReason.Kind.ARTIM_EXPIRED), serverEndReason());
    }

    @Test
    void acceptorClosesAConnectionThatStallsInsideTheAssociateRq() throws Exception {
        long t0 = System.nanoTime();
        ScriptedPeer peer = connectToServer(OPTIONS);
        byte[] rq = PduCodec.encode(ScriptedPeer.rq("SCP", "SCU"));
        peer.sendRaw(Arrays.copyOf(rq, 40)); // header and half the fixed fields, then nothing
        peer.expectClosed();
        assertAtLeast(ARTIM, t0, "closed");
        assertEquals(EndReason.of(EndReason.Kind.ARTIM_EXPIRED), serverEndReason());
    }

    @Test
    void afterOurAssociateRjWeCloseIfThePeerDoesNot() throws Exception {
        ScriptedPeer peer = connectToServer(OPTIONS);
        peer.send(ScriptedPeer.rq("SOMEONE-ELSE", "SCU"));
        long t0 = System.nanoTime();
        assertEquals(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED, peer.expect(AAssociateRj.class));
        peer.expectClosed(); // AE-8 started ARTIM; Sta13 + Evt18: AA-2
        assertAtLeast(ARTIM, t0, "closed");
        EndReason end = serverEndReason();
        assertEquals(EndReason.Kind.REJECTED, end.kind());
        assertTrue(end.detail().contains("called AE title not recognized"), end.toString());
    }

    @Test
    void afterOurReleaseRpWeCloseIfThePeerDoesNot() throws Exception {
        ScriptedPeer peer = connectToServer(OPTIONS);
        peer.send(ScriptedPeer.rq("SCP", "SCU"));
        peer.expect(AAssociateAc.class);
        peer.send(ScriptedPeer.releaseRq());
        long t0 = System.nanoTime();
        peer.expect(AReleaseRp.class);
        peer.expectClosed(); // AR-4 started ARTIM
        assertAtLeast(ARTIM, t0, "closed");
        assertEquals(EndReason.of(EndReason.Kind.RELEASED), serverEndReason());
    }

    @Test
    void afterOurAbortWeCloseIfThePeerDoesNot() throws Exception {
        ScriptedPeer peer = connectToServer(OPTIONS);
        peer.send(ScriptedPeer.rq("SCP", "SCU"));
        peer.expect(AAssociateAc.class);
        peer.sendRaw(ScriptedPeer.UNKNOWN_PDU_TYPE);
        long t0 = System.nanoTime();
        peer.expectAbort(2, 1);
        peer.sendRaw(new byte[100]); // still talking: discarded, the connection goes all the same
        peer.expectClosed(); // AA-8 started ARTIM
        assertAtLeast(ARTIM, t0, "closed");
        EndReason end = serverEndReason();
        assertEquals(EndReason.Kind.PROTOCOL_ERROR, end.kind());
        assertTrue(end.detail().contains("55H is not a PDU type"), end.toString());
    }

    @Test
    void idleTimeoutAbortsTheAcceptorsAssociation() throws Exception {
        ScriptedPeer peer = connectToServer(OPTIONS.withIdleTimeout(300));
        // The idle clock runs from the last PDU the server read (the RQ), not from when the AC reaches us.
        long t0 = System.nanoTime();
        peer.send(ScriptedPeer.rq("SCP", "SCU"));
        peer.expect(AAssociateAc.class);
        peer.expectAbort(2, 0); // service-provider, reason not specified
        assertAtLeast(300, t0, "aborted");
        peer.expectClosed();
        assertEquals(EndReason.Kind.IDLE_TIMEOUT, serverEndReason().kind());
    }

    // ---- requestor --------------------------------------------------------------------------------

    private ServerSocket listen() throws IOException {
        ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        cleanup.add(ss);
        return ss;
    }

    private static AssociationRequest request() {
        AssociationRequest request = new AssociationRequest("SCU", "SCP");
        request.addContext(ScriptedPeer.VERIFICATION, List.of(ScriptedPeer.IMPLICIT));
        return request;
    }

    private CompletableFuture<Association> connectAsync(int port, AssociationOptions options) {
        CompletableFuture<Association> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(Connector.connect("127.0.0.1", port, request(), options, null, null));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private Association associate(ServerSocket ss, ScriptedPeer[] peerOut, AssociationOptions options)
            throws Exception {
        CompletableFuture<Association> f = connectAsync(ss.getLocalPort(), options);
        ScriptedPeer peer = ScriptedPeer.accept(ss);
        cleanup.add(peer);
        peer.send(ScriptedPeer.ac(peer.expect(AAssociateRq.class)));
        Association as = f.get(WAIT, TimeUnit.MILLISECONDS);
        cleanup.add(() -> as.abort("test over"));
        peerOut[0] = peer;
        return as;
    }

    @Test
    void requestorGetsATimeoutWhenThePeerNeverAnswersTheAssociateRq() throws Exception {
        ServerSocket ss = listen();
        long t0 = System.nanoTime();
        CompletableFuture<Association> f = connectAsync(ss.getLocalPort(), OPTIONS);
        ScriptedPeer peer = ScriptedPeer.accept(ss);
        cleanup.add(peer);
        peer.expect(AAssociateRq.class);
        Exception e = assertThrows(Exception.class, () -> f.get(WAIT, TimeUnit.MILLISECONDS));
        AssociationException ae = (AssociationException) e.getCause();
        assertEquals(AssociationException.Kind.TIMEOUT, ae.kind());
        assertTrue(ae.getMessage().startsWith("no answer to the association request"), ae.getMessage());
        assertTrue(ae.getMessage().contains("is it a DICOM port?"), ae.getMessage());
        assertAtLeast(ARTIM, t0, "gave up");
        peer.expectAbort(0, 0); // we abort the half-open association (Sta5 + Evt15: AA-1) ...
        peer.expectClosed(); // ... and close when ARTIM expires in Sta13
    }

    @Test
    void requestorAbortsWhenTheReleaseRpNeverComes() throws Exception {
        ScriptedPeer[] peer = new ScriptedPeer[1];
        Association as = associate(listen(), peer, OPTIONS);
        long t0 = System.nanoTime();
        CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
            try {
                as.release();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        peer[0].expect(AReleaseRq.class);
        peer[0].expectAbort(0, 0); // no A-RELEASE-RP within ARTIM (+1 s): Sta7 + Evt15, AA-1
        assertAtLeast(ARTIM, t0, "aborted");
        released.get(WAIT, TimeUnit.MILLISECONDS);
        peer[0].expectClosed();
        assertEquals(EndReason.Kind.ABORTED, as.endReason().kind());
        assertTrue(as.endReason().detail().contains("no A-RELEASE-RP"), as.endReason().toString());
        assertFalse(as.isOpen());
    }

    @Test
    void idleTimeoutAbortsTheRequestorsAssociation() throws Exception {
        ScriptedPeer[] peer = new ScriptedPeer[1];
        Association as = associate(listen(), peer, OPTIONS.withIdleTimeout(300));
        long t0 = System.nanoTime();
        peer[0].expectAbort(2, 0);
        assertAtLeast(300, t0, "aborted");
        peer[0].expectClosed();
        assertEquals(State.STA1, as.upperLayer().awaitState(State.STA1, WAIT));
        assertEquals(EndReason.Kind.IDLE_TIMEOUT, as.endReason().kind(), as.endReason().toString());
    }

    @Test
    void dimseTimeoutAbortsAndSaysSo() throws Exception {
        ScriptedPeer[] peer = new ScriptedPeer[1];
        Association as = associate(listen(), peer, OPTIONS.withDimseTimeout(300));
        CompletableFuture<Command> echo = as.invoke(1, Commands.cEchoRq(as.nextMessageId()), null, null);
        peer[0].readCommand(); // and never answer
        AssociationException e = assertThrows(AssociationException.class, () -> as.await(echo));
        assertEquals(AssociationException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().startsWith("no DIMSE response"), e.getMessage());
        peer[0].expectAbort(0, 0);
        peer[0].expectClosed();
    }
}
