package dev.cloudpacs.ingest;

import dev.cloudpacs.dicom.core.interop.Dcmtk;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityRq;
import dev.cloudpacs.dicom.net.service.EchoScu;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import dev.cloudpacs.localinfra.LocalInfra;
import dev.cloudpacs.testkit.AccessTokens;
import dev.cloudpacs.testkit.Peers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User Identity negotiation against the real identity provider: a username and passcode or a JWT is checked
 * there (a wrong one rejects the association), a positive response is sent when asked for, and the user's
 * roles decide what the association may do: a reader may echo but not store, an uploader may store.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class UserIdentityTest {

    private static Association connect(UserIdentityRq identity, List<StoreScu.Item> items) throws Exception {
        AssociationRequest rq = new AssociationRequest("IDENTITY-SCU", "PACS").userIdentity(identity);
        rq.addContext(VerificationScp.VERIFICATION, List.of("1.2.840.10008.1.2"));
        StoreScu.proposeContexts(rq, items);
        return Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT, null, null);
    }

    private static List<StoreScu.Item> oneObject() throws Exception {
        Path dir = Files.createTempDirectory("identity-test-");
        return StoreScu.scanAll(TestObjects.study(dir, UIDs.generate(), 1), new ArrayList<>());
    }

    private static String password(String user) throws Exception {
        return LocalInfra.shared().password(user);
    }

    @Test
    void aGoodPasscodeIsAcceptedWithAPositiveResponseAndTheRolesDecide() throws Exception {
        List<StoreScu.Item> items = oneObject();
        Association reader = connect(UserIdentityRq.usernameAndPasscode("reader", password("reader"), true), items);
        var ac = reader.associateAccept().userInformation().userIdentityAc();
        assertNotNull(ac, "a positive response was asked for");
        assertArrayEquals(new byte[0], ac.serverResponse());
        assertEquals(Status.SUCCESS, EchoScu.echo(reader));
        StoreScu.Result r = StoreScu.send(reader, items.get(0), 0, null, 0);
        assertEquals(Status.NOT_AUTHORIZED, r.status(), () -> Integer.toHexString(r.status()));
        assertEquals("user has no role to store objects", r.errorComment());
        reader.release();

        Association uploader = connect(UserIdentityRq.usernameAndPasscode("uploader", password("uploader"), false),
                items);
        assertEquals(Status.SUCCESS, StoreScu.send(uploader, items.get(0), 0, null, 0).status());
        uploader.release();
    }

    @Test
    void aWrongPasscodeOrAForgedTokenRejectsTheAssociation() throws Exception {
        AssociationException wrong = assertThrows(AssociationException.class,
                () -> connect(UserIdentityRq.usernameAndPasscode("reader", "not-the-password", true), List.of()));
        assertEquals(AssociationException.Kind.REJECTED, wrong.kind(), wrong.getMessage());
        String token = AccessTokens.of("admin");
        String forged = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        AssociationException bad = assertThrows(AssociationException.class, () -> connect(
                new UserIdentityRq(UserIdentityRq.JWT, false, forged.getBytes(StandardCharsets.US_ASCII), null),
                List.of()));
        assertEquals(AssociationException.Kind.REJECTED, bad.kind(), bad.getMessage());
    }

    @Test
    void aTokenFromTheIdentityProviderIsAcceptedAsJwt() throws Exception {
        List<StoreScu.Item> items = oneObject();
        byte[] jwt = AccessTokens.of("uploader").getBytes(StandardCharsets.US_ASCII);
        Association as = connect(new UserIdentityRq(UserIdentityRq.JWT, true, jwt, null), items);
        assertNotNull(as.associateAccept().userInformation().userIdentityAc());
        assertEquals(Status.SUCCESS, StoreScu.send(as, items.get(0), 0, null, 0).status());
        as.release();
    }

    @Test
    void ourToolsOfferAPasswordOrATokenAndSayWhatARejectionMayMean() throws Exception {
        String port = Integer.toString(InfraResource.dimsePort);
        Peers.Result ok = Peers.run(60, List.of(Peers.tool("echo_scu").toString(), "-aec", "PACS", "--user", "reader",
                "--password", password("reader"), "127.0.0.1", port));
        assertEquals(0, ok.exit(), ok.output());
        Peers.Result token = Peers.run(60, List.of(Peers.tool("echo_scu").toString(), "-aec", "PACS", "--token",
                AccessTokens.of("reader"), "127.0.0.1", port));
        assertEquals(0, token.exit(), token.output());
        Peers.Result wrong = Peers.run(60, List.of(Peers.tool("echo_scu").toString(), "-aec", "PACS", "--user", "reader",
                "--password", "Guess-7f3a", "127.0.0.1", port));
        assertEquals(5, wrong.exit(), wrong.output());
        assertTrue(wrong.output().contains("a user identity was offered"), wrong.output());
        assertTrue(!wrong.output().contains("Guess-7f3a"), "the password is not printed: " + wrong.output());
    }

    @Test
    void neitherPasscodesNorTokensReachTheLog() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        String good = password("reader");
        String token = AccessTokens.of("uploader");
        try {
            assertThrows(AssociationException.class,
                    () -> connect(UserIdentityRq.usernameAndPasscode("reader", "Secret-Guess-91", false), List.of()));
            connect(UserIdentityRq.usernameAndPasscode("reader", good, false), List.of()).release();
            connect(new UserIdentityRq(UserIdentityRq.JWT, false, token.getBytes(StandardCharsets.US_ASCII), null),
                    List.of()).release();
            io.restassured.RestAssured.given().header("Authorization", "Bearer " + token + "x").get("/admin/ae");
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("rejected")), "the refusal is logged: " + lines);
        for (String l : lines) {
            assertTrue(!l.contains("Secret-Guess-91") && !l.contains(good) && !l.contains(token.substring(20, 60)),
                    "a secret in the log: " + l);
        }
    }

    @Test
    void dcmtkStorescuWithUserAndPassword() throws Exception {
        Dcmtk.assumeAvailable();
        Path file = TestObjects.study(Files.createTempDirectory("identity-dcmtk-"), UIDs.generate(), 1).get(0);
        String port = Integer.toString(InfraResource.dimsePort);
        Peers.Result ok = Peers.run(60, List.of("storescu", "-v", "-aet", "DCMTK-ID", "-aec", "PACS",
                "--user", "uploader", "--password", password("uploader"), "--pos-response", "127.0.0.1", port,
                file.toString()));
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("Received Store Response (Success)"), ok.output());
        Peers.Result refused = Peers.run(60, List.of("storescu", "-v", "-aet", "DCMTK-ID", "-aec", "PACS",
                "--user", "uploader", "--password", "wrong", "127.0.0.1", port, file.toString()));
        assertTrue(refused.output().contains("Association Rejected"), refused.output());
    }
}
