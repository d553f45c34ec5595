package dev.cloudpacs.ingest;

import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.testkit.AccessTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front door's HTTP API (STOW-RS, the AE registry) against the real local identity provider: no token,
 * a malformed, forged, foreign-audience or foreign-issuer token is 401 with a Bearer challenge, a valid
 * token without the role is 403, both as problem+json; the right role is served, health needs nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class AccessControlTest {

    private static Response getAe(String authorization) {
        var rq = given();
        if (authorization != null) {
            rq = rq.header("Authorization", authorization);
        } else {
            rq = rq.noFilters();
        }
        return rq.get("/admin/ae");
    }

    private static void assertUnauthorized(Response r, boolean tokenPresented) {
        assertEquals(401, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        String challenge = r.header("WWW-Authenticate");
        assertTrue(challenge != null && challenge.startsWith("Bearer realm=\"cloudpacs\""), challenge);
        assertEquals(tokenPresented, challenge.contains("error=\"invalid_token\""), challenge);
        assertTrue(r.asString().contains("\"status\":401"), r.asString());
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        Response r = getAe(null);
        assertUnauthorized(r, false);
        assertTrue(r.asString().contains("a bearer token is required"), r.asString());
    }

    @Test
    void malformedAndForgedTokensAre401AndNotEchoed() {
        assertUnauthorized(getAe("Bearer not-a-jwt"), true);
        String valid = AccessTokens.of("admin");
        // The same claims with one signature character changed: a token nobody signed.
        char last = valid.charAt(valid.length() - 2);
        String forged = valid.substring(0, valid.length() - 2) + (last == 'A' ? 'B' : 'A') + valid.charAt(valid.length() - 1);
        Response r = getAe("Bearer " + forged);
        assertUnauthorized(r, true);
        assertFalse(r.asString().contains(forged.substring(0, 20)), "the token is not repeated");
    }

    @Test
    void tokensForAnotherAudienceOrFromAnotherIssuerAre401() {
        // Keycloak's own admin-cli client issues tokens without the archive's audience.
        String otherAudience = AccessTokens.passwordGrant(AccessTokens.tokenEndpoint(), "admin-cli", "admin");
        assertUnauthorized(getAe("Bearer " + otherAudience), true);
        // Asked through another host name, Keycloak signs with the same keys under another issuer.
        String otherIssuer = AccessTokens.passwordGrant(AccessTokens.tokenEndpoint().replace("127.0.0.1", "localhost"),
                "pacs-cli", "admin");
        assertUnauthorized(getAe("Bearer " + otherIssuer), true);
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        String token = dev.cloudpacs.localinfra.LocalInfra.shared().token("admin", 3);
        assertEquals(200, getAe("Bearer " + token).statusCode(), "accepted while it lives");
        Thread.sleep(4_500);
        assertUnauthorized(getAe("Bearer " + token), true);
    }

    @Test
    void aValidTokenWithoutTheRoleIs403() throws Exception {
        Response admin = getAe(AccessTokens.bearer("uploader"));
        assertEquals(403, admin.statusCode(), admin.asString());
        assertTrue(admin.contentType().startsWith("application/problem+json"), admin.contentType());
        assertTrue(admin.asString().contains("roles do not allow"), admin.asString());

        Path dir = Files.createTempDirectory("access-test-");
        byte[] body = StowRsTest.multipart(List.of(Files.readAllBytes(TestObjects.study(dir, UIDs.generate(), 1).get(0))));
        Response stow = StowRsTest.post("/dicomweb/studies", body, AccessTokens.bearer("reader"));
        assertEquals(403, stow.statusCode(), stow.asString());
        Response stored = StowRsTest.post("/dicomweb/studies", body, AccessTokens.bearer("uploader"));
        assertEquals(200, stored.statusCode(), stored.asString());
    }

    @Test
    void theRightRoleIsServedAndHealthNeedsNoToken() {
        assertEquals(200, getAe(AccessTokens.bearer("admin")).statusCode());
        int ready = given().noFilters().get("/q/health/ready").statusCode();
        assertTrue(ready == 200 || ready == 503, "health answered " + ready);
    }
}
