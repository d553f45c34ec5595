package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.AReleaseRq;
import dev.cloudpacs.dicom.net.pdu.PDataTf;
import dev.cloudpacs.dicom.net.pdu.PresentationContextAc;
import dev.cloudpacs.dicom.net.pdu.PresentationContextAc.Result;
import dev.cloudpacs.dicom.net.pdu.PresentationContextRq;
import dev.cloudpacs.dicom.net.pdu.Pdv;
import dev.cloudpacs.dicom.net.pdu.UserInformation;
import dev.cloudpacs.dicom.net.pdu.UserInformation.RoleSelection;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityRq;
import dev.cloudpacs.dicom.net.service.StorageScp;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DefaultAcceptorPolicy} as the requestor sees it: each rejection with the A-ASSOCIATE-RJ
 * result, source and reason of PS3.8 Table 9-21 (read off the wire by a scripted requestor, and as
 * our {@link Connector} reports it), presentation context results and transfer syntax preference,
 * role selection, user identity, and the peer's maximum PDU length honoured when we send.
 */
@Timeout(30)
class NegotiationTest {
    private static final long WAIT = PeerEvent.WAIT;
    private static final AssociationOptions OPTIONS = AssociationOptions.DEFAULT.withArtim(2_000).withDimseTimeout(WAIT);
    private static final String CT = UID.CTImageStorage;
    private static final String IMPLICIT = ScriptedPeer.IMPLICIT;
    private static final String EXPLICIT = ScriptedPeer.EXPLICIT;
    private static final String BIG_ENDIAN = TransferSyntax.EXPLICIT_VR_BE.uid();
    private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    @TempDir
    Path storage;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private DefaultAcceptorPolicy policy;
    private DicomServer server;
    private final BlockingQueue<Association> serverClosed = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private void startServer(UnaryOperator<DefaultAcceptorPolicy> configure) throws IOException {
        HandlerRegistry handlers = new StorageScp(storage, null).register(VerificationScp.register(new HandlerRegistry()));
        policy = configure.apply(new DefaultAcceptorPolicy(handlers, OPTIONS));
        server = DicomServer.start(InetAddress.getLoopbackAddress(), 0, null, OPTIONS, handlers, policy, serverClosed::add);
        cleanup.add(server);
    }

    /** Sends {@code rq} from a scripted requestor and returns the peer, the answer not yet read. */
    private ScriptedPeer propose(AAssociateRq rq) throws IOException {
        ScriptedPeer peer = ScriptedPeer.connect(server.port());
        cleanup.add(peer);
        peer.send(rq);
        return peer;
    }

    private static AAssociateRq.Builder rq(String called, String calling) {
        return AAssociateRq.builder().calledAeTitle(called).callingAeTitle(calling)
                .presentationContext(1, ScriptedPeer.VERIFICATION, IMPLICIT).userInformation(UserInformation.of(16_384));
    }

    private Association connect(AssociationRequest request) throws AssociationException {
        Association as = Connector.connect("127.0.0.1", server.port(), request, OPTIONS, null, null);
        cleanup.add(() -> as.release());
        return as;
    }

    private static AssociationRequest echoRequest(String calling, String called) {
        AssociationRequest r = new AssociationRequest(calling, called);
        r.addContext(ScriptedPeer.VERIFICATION, List.of(IMPLICIT));
        return r;
    }

    private void assertRejected(AAssociateRj expected, AAssociateRq rq, AssociationRequest viaConnector,
                                String words) throws Exception {
        ScriptedPeer peer = propose(rq);
        AAssociateRj rj = peer.expect(AAssociateRj.class);
        assertEquals(expected, rj, rj.describe());
        peer.close();
        AssociationException e = assertThrows(AssociationException.class, () -> connect(viaConnector));
        assertEquals(AssociationException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    // ---- rejections -------------------------------------------------------------------------------

    @Test
    void calledAeTitleNotRecognized() throws Exception {
        startServer(p -> p.aeTitles(Set.of("ARCHIVE")));
        AAssociateRj expected = new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Source.SERVICE_USER, 7);
        assertRejected(expected, rq("NOT-ME", "SCU").build(), echoRequest("SCU", "NOT-ME"),
                "called AE title not recognized");
        connect(echoRequest("SCU", "ARCHIVE")).release();
    }

    @Test
    void blankAeTitlesNameNobody() throws Exception {
        // PS3.5 6.2: an AE value of all spaces is not allowed; with no called-AE check or allowlist too.
        startServer(p -> p);
        ScriptedPeer calling = propose(rq("SCP", "                ").build());
        assertEquals(new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Source.SERVICE_USER, 3),
                calling.expect(AAssociateRj.class));
        calling.close();
        ScriptedPeer called = propose(rq("                ", "SCU").build());
        assertEquals(new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Source.SERVICE_USER, 7),
                called.expect(AAssociateRj.class));
        called.close();
        connect(echoRequest("SCU", "SCP")).release();
    }

    @Test
    void callingAeTitleNotInTheAllowlist() throws Exception {
        startServer(p -> p.callingAllowed(Set.of("MODALITY")::contains));
        AAssociateRj expected = new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Source.SERVICE_USER, 3);
        assertRejected(expected, rq("SCP", "STRANGER").build(), echoRequest("STRANGER", "SCP"),
                "calling AE title not recognized");
        connect(echoRequest("MODALITY", "SCP")).release();
    }

    @Test
    void wrongApplicationContext() throws Exception {
        startServer(p -> p);
        AAssociateRj expected = new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Source.SERVICE_USER, 2);
        ScriptedPeer peer = propose(rq("SCP", "SCU").applicationContext("1.2.3.4.5").build());
        assertEquals(expected, peer.expect(AAssociateRj.class));
    }

    @Test
    void protocolVersionWithoutBit0() throws Exception {
        startServer(p -> p);
        ScriptedPeer peer = propose(rq("SCP", "SCU").protocolVersion(2).build());
        assertEquals(new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Source.SERVICE_PROVIDER_ACSE, 2),
                peer.expect(AAssociateRj.class));
    }

    @Test
    void maxAssociationsExceededIsTransientCongestion() throws Exception {
        startServer(p -> p.maxAssociations(1));
        Association first = connect(echoRequest("SCU", "SCP"));
        AAssociateRj expected = new AAssociateRj(AAssociateRj.Result.REJECTED_TRANSIENT,
                AAssociateRj.Source.SERVICE_PROVIDER_PRESENTATION, 1);
        assertRejected(expected, rq("SCP", "SCU").build(), echoRequest("SCU", "SCP"), "temporary congestion");
        first.release();
        // The slot is free again once the server has closed the first association (the rejected ones
        // close too, in any order).
        Association closed;
        do {
            closed = serverClosed.poll(WAIT, TimeUnit.MILLISECONDS);
            assertNotNull(closed, "the server closes the released association");
        } while (closed.associateAccept() == null);
        assertEquals(0, policy.openAssociations());
        connect(echoRequest("SCU", "SCP")).release();
    }

    // ---- presentation contexts --------------------------------------------------------------------

    @Test
    void transferSyntaxPreferenceAndSeveralContextsPerAbstractSyntax() throws Exception {
        startServer(p -> p);
        AAssociateRq rq = rq("SCP", "SCU")
                .presentationContext(3, CT, IMPLICIT, EXPLICIT) // explicit LE preferred over implicit
                .presentationContext(5, CT, IMPLICIT)
                .presentationContext(7, CT, BIG_ENDIAN, IMPLICIT)
                .presentationContext(9, CT, JPEG_BASELINE) // not stored as is by default
                .presentationContext(11, "1.2.3.4.5.6", EXPLICIT) // nobody serves it
                .build();
        AAssociateAc ac = propose(rq).expect(AAssociateAc.class);
        assertEquals(PresentationContextAc.accept(1, IMPLICIT), ac.presentationContext(1));
        assertEquals(PresentationContextAc.accept(3, EXPLICIT), ac.presentationContext(3));
        assertEquals(PresentationContextAc.accept(5, IMPLICIT), ac.presentationContext(5));
        assertEquals(PresentationContextAc.accept(7, IMPLICIT), ac.presentationContext(7));
        assertEquals(Result.TRANSFER_SYNTAXES_NOT_SUPPORTED, ac.presentationContext(9).result());
        assertEquals(Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, ac.presentationContext(11).result());
        assertEquals(rq.presentationContexts().stream().map(PresentationContextRq::id).toList(),
                ac.presentationContexts().stream().map(PresentationContextAc::id).toList(), "one result per context, in order");
    }

    @Test
    void storeAsIsAcceptsTheProposedCompressedSyntax() throws Exception {
        startServer(p -> p.storeAsIs(CT::equals));
        AAssociateAc ac = propose(rq("SCP", "SCU").presentationContext(3, CT, JPEG_BASELINE).build())
                .expect(AAssociateAc.class);
        assertEquals(PresentationContextAc.accept(3, JPEG_BASELINE), ac.presentationContext(3));
    }

    @Test
    void connectorSeesAcceptedContextsAndFailsWhenNoneIs() throws Exception {
        startServer(p -> p);
        AssociationRequest r = new AssociationRequest("SCU", "SCP");
        int implicitOnly = r.addContext(CT, List.of(IMPLICIT));
        int both = r.addContext(CT, List.of(IMPLICIT, EXPLICIT));
        Association as = connect(r);
        assertEquals(IMPLICIT, as.contextFor(CT, IMPLICIT).transferSyntaxUid());
        assertEquals(implicitOnly, as.contextFor(CT, IMPLICIT).id());
        assertEquals(both, as.contextFor(CT, EXPLICIT).id());
        assertEquals(2, as.contextsFor(CT).size());
        as.release();

        AssociationRequest unsupported = new AssociationRequest("SCU", "SCP");
        unsupported.addContext("1.2.3.4.5.6", List.of(IMPLICIT));
        AssociationException e = assertThrows(AssociationException.class, () -> connect(unsupported));
        assertEquals(AssociationException.Kind.NO_PRESENTATION_CONTEXT, e.kind());
        assertTrue(e.getMessage().contains("abstract-syntax-not-supported"), e.getMessage());
    }

    // ---- user information -------------------------------------------------------------------------

    @Test
    void roleSelectionIsEchoedForClassesWeServe() throws Exception {
        startServer(p -> p);
        AssociationRequest r = echoRequest("SCU", "SCP");
        r.addContext(CT, List.of(EXPLICIT));
        r.addRole(CT, true, true);
        r.addRole("1.2.3.4.5.6", true, true); // a class nobody serves: no role item comes back
        Association as = connect(r);
        assertEquals(List.of(new RoleSelection(CT, true, true)), as.associateAccept().userInformation().roleSelections());
    }

    private static final UserIdentityAuthenticator ALICE = (identity, calling) -> {
        if (identity == null || identity.type() != UserIdentityRq.USERNAME_AND_PASSCODE
                || !"alice".equals(new String(identity.primaryField(), StandardCharsets.UTF_8))
                || !"secret".equals(new String(identity.secondaryField(), StandardCharsets.UTF_8))) {
            throw new UserIdentityAuthenticator.Rejected("unknown user or wrong passcode");
        }
        return new byte[0];
    };

    @Test
    void userIdentityAcceptedWithPositiveResponse() throws Exception {
        startServer(p -> p.authenticator(ALICE));
        Association as = connect(echoRequest("SCU", "SCP")
                .userIdentity(UserIdentityRq.usernameAndPasscode("alice", "secret", true)));
        UserInformation.UserIdentityAc response = as.associateAccept().userInformation().userIdentityAc();
        assertNotNull(response, "a positive response was requested");
        assertArrayEquals(new byte[0], response.serverResponse(), "empty for username and passcode");
        as.release();

        Association quiet = connect(echoRequest("SCU", "SCP")
                .userIdentity(UserIdentityRq.usernameAndPasscode("alice", "secret", false)));
        assertNull(quiet.associateAccept().userInformation().userIdentityAc(), "no response when none was asked");
    }

    @Test
    void userIdentityRejected() throws Exception {
        startServer(p -> p.authenticator(ALICE));
        AAssociateRj expected = new AAssociateRj(AAssociateRj.Result.REJECTED_PERMANENT, AAssociateRj.Source.SERVICE_USER, 1);
        UserIdentityRq wrong = UserIdentityRq.usernameAndPasscode("alice", "guess", true);
        assertRejected(expected, rq("SCP", "SCU").userInformation(UserInformation.of(16_384).withUserIdentityRq(wrong)).build(),
                echoRequest("SCU", "SCP").userIdentity(wrong), "no reason given");
        AssociationException none = assertThrows(AssociationException.class, () -> connect(echoRequest("SCU", "SCP")));
        assertEquals(AssociationException.Kind.REJECTED, none.kind(), "an identity is required");
    }

    @Test
    void serverResponseOfACustomAuthenticatorIsReturned() throws Exception {
        byte[] token = "signed-response".getBytes(StandardCharsets.US_ASCII);
        startServer(p -> p.authenticator((identity, calling) -> token));
        UserIdentityRq jwt = new UserIdentityRq(UserIdentityRq.JWT, true, "eyJ...".getBytes(StandardCharsets.US_ASCII), null);
        Association as = connect(echoRequest("SCU", "SCP").userIdentity(jwt));
        assertArrayEquals(token, as.associateAccept().userInformation().userIdentityAc().serverResponse());
    }

    // ---- maximum PDU length -----------------------------------------------------------------------

    @Test
    void everyPDataTfWeSendFitsThePeersMaximumLength() throws Exception {
        ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        cleanup.add(ss);
        AssociationRequest r = new AssociationRequest("SCU", "SCP");
        int pc = r.addContext(CT, List.of(EXPLICIT));
        CompletableFuture<Association> connected = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                connected.complete(Connector.connect("127.0.0.1", ss.getLocalPort(), r, OPTIONS, null, null));
            } catch (Throwable t) {
                connected.completeExceptionally(t);
            }
        });
        ScriptedPeer peer = ScriptedPeer.accept(ss);
        cleanup.add(peer);
        peer.send(ScriptedPeer.ac(peer.expect(AAssociateRq.class), 4096));
        Association as = connected.get(WAIT, TimeUnit.MILLISECONDS);
        assertEquals(4096, as.peerMaxPduLength());

        byte[] dataSet = new byte[50_000];
        Arrays.fill(dataSet, (byte) 0x5A);
        Command rq = Commands.cStoreRq(as.nextMessageId(), CT, "1.2.3.4", Command.PRIORITY_MEDIUM);
        CompletableFuture<Command> rsp = as.invoke(pc, rq, out -> out.write(dataSet), null);

        ByteArrayOutputStream command = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int pdus = 0;
        boolean lastData = false;
        while (!lastData) {
            PDataTf p = peer.expect(PDataTf.class);
            pdus++;
            int wire = wireLength(p);
            assertTrue(wire <= 4096 + 6, "P-DATA-TF of " + wire + " bytes exceeds the peer's 4096 + 6");
            for (Pdv pdv : p.pdvs()) {
                (pdv.command() ? command : data).write(pdv.data(), pdv.offset(), pdv.length());
                lastData |= !pdv.command() && pdv.last();
            }
        }
        assertTrue(pdus >= 50_000 / 4090, "fragmented into " + pdus + " PDUs");
        assertArrayEquals(dataSet, data.toByteArray());
        byte[] c = command.toByteArray();
        Command received = Commands.decode(c, 0, c.length);
        assertEquals(CommandField.C_STORE_RQ, received.commandField());
        peer.send(ScriptedPeer.command(pc, Commands.response(received, Status.SUCCESS)));
        assertEquals(Status.SUCCESS, as.await(rsp).status());

        Thread.ofVirtual().start(() -> {
            try {
                as.release();
            } catch (IOException ignored) {
                // checked below through the peer
            }
        });
        peer.expect(AReleaseRq.class);
        peer.send(ScriptedPeer.releaseRp());
        peer.expectClosed();
    }

    /** Wire length of a P-DATA-TF: header plus, per PDV, item length field, context ID, control header, data. */
    private static int wireLength(PDataTf p) {
        int n = 6;
        for (Pdv pdv : p.pdvs()) {
            n += 6 + pdv.length();
        }
        return n;
    }
}
