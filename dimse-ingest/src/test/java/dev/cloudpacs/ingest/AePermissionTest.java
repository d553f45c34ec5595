package dev.cloudpacs.ingest;

import dev.cloudpacs.dicom.core.interop.Dcmtk;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.EchoScu;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import dev.cloudpacs.testkit.Peers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AE registry's flags are enforced per operation: a registered AE without {@code mayStore} is refused
 * C-STORE with 0124 (Refused: Not Authorized) and an Error Comment naming the flag, yet may echo on the
 * same association; without {@code mayQuery} it may not C-FIND, without {@code mayRetrieve} neither C-MOVE
 * nor C-GET. No query or retrieve service runs in this test: an operation that is let through fails
 * there with A700 or A801, never 0124, so the refusal is told apart from the relay.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class AePermissionTest {
    private static final String NO_STORE = "PERM-NOSTORE";
    private static final String NO_QUERY = "PERM-NOQUERY";
    private static final String NO_RETRIEVE = "PERM-NORETR";
    private static final String ALL = "PERM-ALL";

    Path tmp;

    @BeforeEach
    void register() throws Exception {
        tmp = Files.createTempDirectory("permission-test-");
        put(NO_STORE, "\"mayStore\":false");
        put(NO_QUERY, "\"mayQuery\":false");
        put(NO_RETRIEVE, "\"mayRetrieve\":false");
        put(ALL, "\"mayStore\":true");
    }

    @AfterEach
    void unregister() {
        for (String ae : List.of(NO_STORE, NO_QUERY, NO_RETRIEVE, ALL)) {
            given().delete("/admin/ae/{t}", ae);
        }
    }

    private static void put(String ae, String flags) {
        int status = given().contentType("application/json")
                .body("{\"host\":\"127.0.0.1\",\"port\":11119," + flags + "}").put("/admin/ae/{t}", ae).statusCode();
        assertTrue(status == 200 || status == 201, "PUT /admin/ae/" + ae + " answered " + status);
    }

    @Test
    void anAeWithoutMayStoreIsRefusedItsStoresAndMayStillEchoOnTheSameAssociation() throws Exception {
        List<Path> files = TestObjects.study(tmp, UIDs.generate(), 2);
        List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
        AssociationRequest rq = new AssociationRequest(NO_STORE, "PACS");
        rq.addContext(VerificationScp.VERIFICATION, List.of("1.2.840.10008.1.2"));
        StoreScu.proposeContexts(rq, items);
        Association as = Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT,
                null, null);
        StoreScu.Result r = StoreScu.send(as, items.get(0), 0, null, 0);
        assertEquals(Status.NOT_AUTHORIZED, r.status(), () -> Integer.toHexString(r.status()));
        assertEquals("not authorized to store objects (mayStore off)", r.errorComment());
        assertEquals(Status.SUCCESS, EchoScu.echo(as), "the association stays usable");
        assertEquals(Status.NOT_AUTHORIZED, StoreScu.send(as, items.get(1), 0, null, 0).status());
        as.release();
        assertEquals(0, IndexRows.count("SELECT count(*) FROM instance WHERE sop_instance_uid = ?",
                items.get(0).sopInstanceUid()), "nothing of a refused store is kept");

        // The same file from an AE that may store is taken.
        AssociationRequest ok = new AssociationRequest(ALL, "PACS");
        StoreScu.proposeContexts(ok, items);
        Association as2 = Connector.connect("127.0.0.1", InfraResource.dimsePort, ok, AssociationOptions.DEFAULT,
                null, null);
        assertEquals(Status.SUCCESS, StoreScu.send(as2, items.get(0), 0, null, 0).status());
        as2.release();
    }

    @Test
    void dcmtkPeersAreRefusedWhatTheirEntryDoesNotAllow() throws Exception {
        Dcmtk.assumeAvailable();
        String port = Integer.toString(InfraResource.dimsePort);
        Path file = TestObjects.study(tmp.resolve("dcmtk"), UIDs.generate(), 1).get(0);

        Peers.Result store = Peers.run(60, List.of("storescu", "-v", "-aet", NO_STORE, "-aec", "PACS", "127.0.0.1", port,
                file.toString()));
        assertTrue(refused(store), "storescu: " + store.output());
        Peers.Result echo = Peers.run(60, List.of("echoscu", "-aet", NO_STORE, "-aec", "PACS", "127.0.0.1", port));
        assertEquals(0, echo.exit(), echo.output());

        List<String> studyKeys = List.of("-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3");
        Peers.Result find = Peers.run(60, concat(List.of("findscu", "-v", "-S", "-aet", NO_QUERY, "-aec", "PACS"),
                studyKeys, List.of("127.0.0.1", port)));
        assertTrue(refused(find), "findscu: " + find.output());
        // Allowed to query: the request reaches the relay (no query service here: A700, not 0124).
        Peers.Result findAllowed = Peers.run(60, concat(List.of("findscu", "-S", "-aet", NO_RETRIEVE, "-aec",
                "PACS"), studyKeys, List.of("127.0.0.1", port)));
        assertFalse(refused(findAllowed), "findscu: " + findAllowed.output());

        Peers.Result move = Peers.run(60, concat(List.of("movescu", "-v", "-S", "-aet", NO_RETRIEVE, "-aec", "PACS",
                "-aem", ALL), studyKeys, List.of("127.0.0.1", port)));
        assertTrue(refused(move), "movescu: " + move.output());
        Peers.Result get = Peers.run(60, concat(List.of("getscu", "-v", "-S", "-aet", NO_RETRIEVE, "-aec", "PACS",
                "-od", tmp.toString()), studyKeys, List.of("127.0.0.1", port)));
        assertTrue(refused(get), "getscu: " + get.output());
    }

    /**
     * Whether a DCMTK tool's output shows the refusal (0124; storescu prints it as "Unknown Status: 0x124", the
     * Error Comment is checked with our SCU above).
     */
    private static boolean refused(Peers.Result r) {
        String out = r.output().toLowerCase(java.util.Locale.ROOT);
        return out.contains("0x124") || out.contains("0x0124") || out.contains("not authorized");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
