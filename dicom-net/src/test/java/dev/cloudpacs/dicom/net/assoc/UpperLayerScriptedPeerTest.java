package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.dul.Action;
import dev.cloudpacs.dicom.net.dul.State;
import dev.cloudpacs.dicom.net.dul.StateTable;
import dev.cloudpacs.dicom.net.dul.UpperLayer;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.AReleaseRp;
import dev.cloudpacs.dicom.net.pdu.AReleaseRq;
import dev.cloudpacs.dicom.net.pdu.PDataTf;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted peer on a real loopback socket drives a real {@link UpperLayer} (through
 * {@link DicomServer} as acceptor, {@link Connector} as requestor) into a state, injects one network
 * event, and checks what the action PS3.8 Table 9-10 names for that cell does observably: the PDU we
 * send back (if any), whether we close the transport, and the state reached. One case per
 * (state, event) pair.
 *
 * <p>AA-1 in Sta2 is answered with source service-provider (not the service-user source the action's
 * text names; there is no association and no user yet) and the reason of the fault.
 */
@Timeout(30)
class UpperLayerScriptedPeerTest {
    static final long ARTIM = 1_000;
    static final long WAIT = PeerEvent.WAIT;
    static final AssociationOptions OPTIONS = AssociationOptions.DEFAULT.withArtim(ARTIM).withIdleTimeout(30_000)
            .withDimseTimeout(WAIT);

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final CompletableFuture<Association> negotiated = new CompletableFuture<>();
    private final CompletableFuture<Association> serverClosed = new CompletableFuture<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    // ---- acceptor ---------------------------------------------------------------------------------

    private ScriptedPeer connectToServer() throws IOException {
        HandlerRegistry handlers = VerificationScp.register(new HandlerRegistry());
        DefaultAcceptorPolicy policy = new DefaultAcceptorPolicy(handlers, OPTIONS);
        AcceptorPolicy capturing = new AcceptorPolicy() {
            @Override
            public Decision negotiate(AAssociateRq rq, Association association) {
                negotiated.complete(association);
                return policy.negotiate(rq, association);
            }

            @Override
            public void closed(Association association) {
                policy.closed(association);
            }
        };
        DicomServer server = DicomServer.start(InetAddress.getLoopbackAddress(), 0, null, OPTIONS, handlers,
                capturing, serverClosed::complete);
        cleanup.add(server);
        ScriptedPeer peer = ScriptedPeer.connect(server.port());
        cleanup.add(peer);
        return peer;
    }

    private ScriptedPeer acceptorInSta6() throws Exception {
        ScriptedPeer peer = connectToServer();
        peer.send(ScriptedPeer.rq("SCP", "SCU"));
        peer.expect(AAssociateAc.class);
        assertEquals(State.STA6, upperLayer(negotiated).state());
        return peer;
    }

    @ParameterizedTest(name = "acceptor Sta2 + {0}")
    @EnumSource(PeerEvent.class)
    void acceptorSta2(PeerEvent inject) throws Exception {
        ScriptedPeer peer = connectToServer();
        inject.into(peer, ScriptedPeer.echoRq(1, 1));
        Action action = StateTable.action(State.STA2, inject.event);
        if (action == Action.AE_6) {
            peer.expect(AAssociateAc.class);
            assertEquals(State.STA6, upperLayer(negotiated).state());
            peer.close();
        } else {
            // No association exists before the RQ: the state is seen once the connection has ended.
            inject.checkAbortAction(action, peer, null);
        }
        assertEquals(State.STA1, upperLayer(serverClosed).state());
    }

    @ParameterizedTest(name = "acceptor Sta6 + {0}")
    @EnumSource(PeerEvent.class)
    void acceptorSta6(PeerEvent inject) throws Exception {
        ScriptedPeer peer = acceptorInSta6();
        UpperLayer ul = upperLayer(negotiated);
        inject.into(peer, ScriptedPeer.echoRq(1, 7));
        Action action = StateTable.action(State.STA6, inject.event);
        switch (action) {
            case DT_2 -> {
                Command rsp = peer.readCommand();
                assertEquals(CommandField.C_ECHO_RSP, rsp.commandField());
                assertEquals(7, rsp.messageIdBeingRespondedTo());
                assertEquals(Status.SUCCESS, rsp.status());
                assertEquals(State.STA6, ul.state());
                peer.close();
            }
            case AR_2 -> {
                // The association answers the A-RELEASE indication at once: AR-2 then AR-4.
                peer.expect(AReleaseRp.class);
                assertEquals(State.STA13, ul.state());
                peer.close();
            }
            default -> inject.checkAbortAction(action, peer, ul);
        }
        assertEquals(State.STA1, upperLayer(serverClosed).state());
    }

    @ParameterizedTest(name = "acceptor Sta13 (after A-RELEASE-RP) + {0}")
    @EnumSource(PeerEvent.class)
    void acceptorSta13AfterRelease(PeerEvent inject) throws Exception {
        ScriptedPeer peer = acceptorInSta6();
        UpperLayer ul = upperLayer(negotiated);
        peer.send(ScriptedPeer.releaseRq());
        peer.expect(AReleaseRp.class);
        assertEquals(State.STA13, ul.state());
        inject.into(peer, ScriptedPeer.echoRq(1, 1));
        inject.checkAbortAction(StateTable.action(State.STA13, inject.event), peer, ul);
        assertEquals(State.STA1, upperLayer(serverClosed).state());
    }

    @ParameterizedTest(name = "acceptor Sta7 (we sent A-RELEASE-RQ) + {0}")
    @EnumSource(PeerEvent.class)
    void acceptorSta7(PeerEvent inject) throws Exception {
        ScriptedPeer peer = acceptorInSta6();
        Association as = negotiated.get(WAIT, TimeUnit.MILLISECONDS);
        UpperLayer ul = as.upperLayer();
        CompletableFuture<Void> released = releaseAsync(as);
        peer.expect(AReleaseRq.class);
        assertEquals(State.STA7, ul.awaitState(State.STA7, WAIT));
        // A response to nothing outstanding: delivered (AR-6) and dropped by the association.
        inject.into(peer, ScriptedPeer.command(1, Commands.response(Commands.cEchoRq(99), Status.SUCCESS)));
        Action action = StateTable.action(State.STA7, inject.event);
        switch (action) {
            case AR_6 -> {
                assertEquals(State.STA7, ul.state());
                peer.send(ScriptedPeer.releaseRp());
                peer.expectClosed();
            }
            case AR_8 -> {
                // Release collision, acceptor side: Sta10 waits for the requestor's A-RELEASE-RP (AR-10,
                // Sta12); only then do we answer with ours (AR-4).
                peer.send(ScriptedPeer.releaseRp());
                peer.expect(AReleaseRp.class);
                assertEquals(State.STA13, ul.state());
                peer.close();
            }
            case AR_3 -> peer.expectClosed();
            default -> inject.checkAbortAction(action, peer, ul);
        }
        released.get(WAIT, TimeUnit.MILLISECONDS);
        assertEquals(State.STA1, upperLayer(serverClosed).state());
    }

    @Test
    void acceptorSta3WhileThePolicyDecides() throws Exception {
        CountDownLatch inPolicy = new CountDownLatch(1);
        CountDownLatch decide = new CountDownLatch(1);
        HandlerRegistry handlers = VerificationScp.register(new HandlerRegistry());
        DefaultAcceptorPolicy policy = new DefaultAcceptorPolicy(handlers, OPTIONS);
        AcceptorPolicy held = new AcceptorPolicy() {
            @Override
            public Decision negotiate(AAssociateRq rq, Association association) {
                negotiated.complete(association);
                inPolicy.countDown();
                try {
                    decide.await(WAIT, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return policy.negotiate(rq, association);
            }

            @Override
            public void closed(Association association) {
                policy.closed(association);
            }
        };
        DicomServer server = DicomServer.start(InetAddress.getLoopbackAddress(), 0, null, OPTIONS, handlers, held,
                serverClosed::complete);
        cleanup.add(server);
        ScriptedPeer peer = ScriptedPeer.connect(server.port());
        cleanup.add(peer);
        peer.send(ScriptedPeer.rq("SCP", "SCU"));
        assertTrue(inPolicy.await(WAIT, TimeUnit.MILLISECONDS));
        UpperLayer ul = upperLayer(negotiated);
        assertEquals(State.STA3, ul.state(), "AE-6 issued the A-ASSOCIATE indication");
        assertEquals(1, server.openAssociations());
        // The association answers on the connection's own thread, so a PDU arriving now is read after
        // the answer (Evt7 then the event in Sta6): the peer gives up meanwhile.
        peer.send(new dev.cloudpacs.dicom.net.pdu.AAbort(0, 0));
        decide.countDown();
        assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT));
        assertEquals(State.STA1, upperLayer(serverClosed).state());
        assertEquals(0, server.openAssociations());
        assertEquals(0, policy.openAssociations(), "the policy's count of open associations is back to 0");
    }

    // ---- requestor --------------------------------------------------------------------------------

    private ServerSocket listen() throws IOException {
        ServerSocket ss = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        cleanup.add(ss);
        return ss;
    }

    private static AssociationRequest request() {
        AssociationRequest request = new AssociationRequest("SCU", "SCP");
        request.addContext(ScriptedPeer.VERIFICATION, List.of(ScriptedPeer.IMPLICIT));
        return request;
    }

    private CompletableFuture<Association> connectAsync(int port) {
        HandlerRegistry handlers = VerificationScp.register(new HandlerRegistry());
        CompletableFuture<Association> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(Connector.connect("127.0.0.1", port, request(), OPTIONS, null, handlers));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private record Requestor(ScriptedPeer peer, Association as, AAssociateRq rq) {
    }

    private Requestor requestorInSta6(ServerSocket ss) throws Exception {
        CompletableFuture<Association> connected = connectAsync(ss.getLocalPort());
        ScriptedPeer peer = ScriptedPeer.accept(ss);
        cleanup.add(peer);
        AAssociateRq rq = peer.expect(AAssociateRq.class);
        peer.send(ScriptedPeer.ac(rq));
        Association as = connected.get(WAIT, TimeUnit.MILLISECONDS);
        cleanup.add(() -> as.abort("test over"));
        assertEquals(State.STA6, as.upperLayer().state());
        return new Requestor(peer, as, rq);
    }

    @ParameterizedTest(name = "requestor Sta5 + {0}")
    @EnumSource(PeerEvent.class)
    void requestorSta5(PeerEvent inject) throws Exception {
        ServerSocket ss = listen();
        CompletableFuture<Association> connected = connectAsync(ss.getLocalPort());
        ScriptedPeer peer = ScriptedPeer.accept(ss);
        cleanup.add(peer);
        peer.expect(AAssociateRq.class);
        inject.into(peer, ScriptedPeer.echoRq(1, 1));
        Action action = StateTable.action(State.STA5, inject.event);
        switch (action) {
            case AE_3 -> {
                Association as = connected.get(WAIT, TimeUnit.MILLISECONDS);
                assertEquals(State.STA6, as.upperLayer().state());
                peer.close();
                assertEquals(State.STA1, as.upperLayer().awaitState(State.STA1, WAIT));
            }
            case AE_4 -> {
                peer.expectClosed();
                AssociationException e = connectFailure(connected);
                assertEquals(AssociationException.Kind.REJECTED, e.kind());
                assertTrue(e.getMessage().contains("no-reason-given".replace('-', ' ')), e.getMessage());
            }
            default -> {
                inject.checkAbortAction(action, peer, null);
                AssociationException e = connectFailure(connected);
                // An A-ABORT either way (AA-3 received, AA-8 sent) is an abort, not a mere lost connection.
                assertEquals(action == Action.AA_4 ? AssociationException.Kind.CLOSED_DURING_NEGOTIATION
                        : AssociationException.Kind.ABORTED, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains(action == Action.AA_3 ? "aborted by the peer"
                        : action == Action.AA_4 ? "connection closed" : "protocol error"), e.getMessage());
            }
        }
    }

    @ParameterizedTest(name = "requestor Sta6 + {0}")
    @EnumSource(PeerEvent.class)
    void requestorSta6(PeerEvent inject) throws Exception {
        Requestor r = requestorInSta6(listen());
        UpperLayer ul = r.as().upperLayer();
        inject.into(r.peer(), ScriptedPeer.echoRq(1, 9));
        Action action = StateTable.action(State.STA6, inject.event);
        switch (action) {
            case DT_2 -> {
                Command rsp = r.peer().readCommand();
                assertEquals(CommandField.C_ECHO_RSP, rsp.commandField());
                assertEquals(9, rsp.messageIdBeingRespondedTo());
                assertEquals(State.STA6, ul.state());
                r.peer().close();
            }
            case AR_2 -> {
                r.peer().expect(AReleaseRp.class);
                assertEquals(State.STA13, ul.state());
                r.peer().close();
            }
            default -> inject.checkAbortAction(action, r.peer(), ul);
        }
        assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT));
    }

    @ParameterizedTest(name = "requestor Sta7 + {0}")
    @EnumSource(PeerEvent.class)
    void requestorSta7(PeerEvent inject) throws Exception {
        Requestor r = requestorInSta6(listen());
        Association as = r.as();
        UpperLayer ul = as.upperLayer();
        // An echo still outstanding when we release: its response may legally arrive in Sta7 (AR-6).
        int msgId = as.nextMessageId();
        CompletableFuture<Command> echo = as.invoke(1, Commands.cEchoRq(msgId), null, null);
        Command echoRq = r.peer().readCommand();
        CompletableFuture<Void> released = releaseAsync(as);
        r.peer().expect(AReleaseRq.class);
        assertEquals(State.STA7, ul.awaitState(State.STA7, WAIT));
        inject.into(r.peer(), ScriptedPeer.command(1, Commands.response(echoRq, Status.SUCCESS)));
        Action action = StateTable.action(State.STA7, inject.event);
        switch (action) {
            case AR_6 -> {
                assertEquals(Status.SUCCESS, echo.get(WAIT, TimeUnit.MILLISECONDS).status());
                assertEquals(State.STA7, ul.state());
                r.peer().send(ScriptedPeer.releaseRp());
                r.peer().expectClosed();
            }
            case AR_8 -> {
                // Release collision, requestor side: Sta9, our A-RELEASE response (AR-9) -> Sta11.
                r.peer().expect(AReleaseRp.class);
                assertEquals(State.STA11, ul.state());
                r.peer().send(ScriptedPeer.releaseRp());
                r.peer().expectClosed();
            }
            case AR_3 -> r.peer().expectClosed();
            default -> inject.checkAbortAction(action, r.peer(), ul);
        }
        released.get(WAIT, TimeUnit.MILLISECONDS);
        assertEquals(State.STA1, ul.awaitState(State.STA1, WAIT));
        // Answered (AR-6) or failed with the association, never left hanging.
        echo.handle((c, t) -> c).get(WAIT, TimeUnit.MILLISECONDS);
    }

    // ---- shared checks ----------------------------------------------------------------------------

    private static CompletableFuture<Void> releaseAsync(Association as) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                as.release();
                f.complete(null);
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private static UpperLayer upperLayer(CompletableFuture<Association> f) throws Exception {
        return f.get(WAIT, TimeUnit.MILLISECONDS).upperLayer();
    }

    private static AssociationException connectFailure(CompletableFuture<Association> connected) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> connected.get(WAIT, TimeUnit.MILLISECONDS));
        return assertInstanceOf(AssociationException.class, e.getCause());
    }
}
