package dev.cloudpacs.ingest;

import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.EchoScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code pacs.dimse.check-calling-ae=true} the front door admits exactly the calling AE titles
 * registered through {@code /admin/ae}. Its own profile: the other tests connect as unregistered AEs.
 */
@QuarkusTest
@TestProfile(CallingAeAllowlistTest.CheckCallingAe.class)
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class CallingAeAllowlistTest {
    private static final String KNOWN = "ALLOWLIST-SCU";

    /** Turns the calling-AE allowlist on. */
    public static class CheckCallingAe implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pacs.dimse.check-calling-ae", "true");
        }
    }

    @AfterEach
    void clean() {
        given().delete("/admin/ae/{t}", KNOWN);
    }

    static Association connect(String callingAe) throws Exception {
        AssociationRequest rq = new AssociationRequest(callingAe, "PACS");
        rq.addContext(VerificationScp.VERIFICATION, List.of("1.2.840.10008.1.2"));
        return Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT, null, null);
    }

    static void assertRejected(String callingAe) {
        AssociationException e = assertThrows(AssociationException.class, () -> connect(callingAe).release());
        assertTrue(e.getMessage().contains("A-ASSOCIATE-RJ") && e.getMessage().contains("calling AE title not recognized"),
                e.getMessage());
    }

    @Test
    void registeredCallingAeIsAcceptedOthersAreRejected() throws Exception {
        given().delete("/admin/ae/{t}", KNOWN);
        assertRejected(KNOWN);

        assertEquals(201, given().contentType("application/json").body("{\"host\":\"127.0.0.1\",\"port\":11113}")
                .put("/admin/ae/{t}", KNOWN).statusCode());
        Association as = connect(KNOWN);
        assertEquals(Status.SUCCESS, EchoScu.echo(as));
        as.release();
        assertRejected("UNKNOWN-SCU");

        // Registered at another host: the title alone does not let it in from here.
        assertEquals(200, given().contentType("application/json").body("{\"host\":\"10.9.9.9\",\"port\":11113}")
                .put("/admin/ae/{t}", KNOWN).statusCode());
        assertRejected(KNOWN);
        assertEquals(200, given().contentType("application/json").body("{\"host\":\"localhost\",\"port\":11113}")
                .put("/admin/ae/{t}", KNOWN).statusCode());
        Association byName = connect(KNOWN);
        assertEquals(Status.SUCCESS, EchoScu.echo(byName), "a registered host name matches its addresses");
        byName.release();

        // Removal takes effect for the next association: the registry is read on every one.
        assertEquals(204, given().delete("/admin/ae/{t}", KNOWN).statusCode());
        assertRejected(KNOWN);
    }
}
