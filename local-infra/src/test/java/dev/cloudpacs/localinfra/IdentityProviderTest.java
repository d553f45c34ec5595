package dev.cloudpacs.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local identity provider as the archive and its users meet it: a real Keycloak on loopback whose realm
 * {@code cloudpacs} issues tokens with the archive's audience and the user's roles, refuses a wrong password,
 * is found again by a second start, and is gone after {@code stop}.
 */
class IdentityProviderTest {
    @TempDir
    static Path dir;
    static LocalInfra infra;
    static LocalInfra.IdentityProvider idp;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        long t0 = System.nanoTime();
        infra = LocalInfra.start(dir);
        idp = infra.identityProvider();
        System.out.printf("identity provider ready after %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, idp);
    }

    @AfterAll
    static void stopLeavesNoKeycloak() throws IOException {
        long pid = InfraState.load(dir).getLong(InfraState.KEYCLOAK_PID);
        assertTrue(Procs.alive(pid));
        LocalInfra.stop(dir);
        assertFalse(Procs.alive(pid), "Keycloak pid " + pid + " still runs after stop");
        assertTrue(LocalInfra.status(dir).identityProvider().isEmpty());
    }

    @Test
    void discoveryNamesTheIssuerOnLoopback() throws Exception {
        assertTrue(idp.url().startsWith("http://127.0.0.1:"), idp.url());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(idp.issuer()
                + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"issuer\":\"" + idp.issuer() + "\""), r.body());
        assertTrue(r.body().contains("\"jwks_uri\""), r.body());
    }

    @Test
    void tokensCarryTheAudienceAndTheUsersRolesOnly() throws IOException {
        String reader = payload(infra.token("reader"));
        assertTrue(reader.contains("\"iss\":\"" + idp.issuer() + "\""), reader);
        assertTrue(reader.matches("(?s).*\"aud\":(\\[[^]]*)?\"cloudpacs\".*"), reader);
        assertTrue(reader.contains("\"pacs-read\""), reader);
        assertFalse(reader.contains("\"pacs-store\"") || reader.contains("\"pacs-admin\""), reader);

        String admin = payload(infra.token("admin"));
        for (String role : new String[] {"pacs-read", "pacs-store", "pacs-admin"}) {
            assertTrue(admin.contains("\"" + role + "\""), admin);
        }
        assertTrue(admin.contains("\"preferred_username\":\"admin\""), admin);
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneIsNotInTheMessage() throws Exception {
        String form = "grant_type=password&client_id=" + LocalInfra.IdentityProvider.CLI_CLIENT
                + "&username=reader&password=" + URLEncoder.encode("not-the-password", StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(idp.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.body().contains("invalid_grant"), r.body());

        IOException unknown = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> infra.token("mallory"));
        assertTrue(unknown.getMessage().contains("no local user 'mallory'"), unknown.getMessage());
    }

    @Test
    void theCommandPrintsATokenForARoleAndASecondStartReusesTheServer() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.run("token", dir.toString(), "--role", "pacs-store");
        } finally {
            System.setOut(out);
        }
        assertEquals(0, rc);
        String uploader = payload(buf.toString(StandardCharsets.UTF_8).strip());
        assertTrue(uploader.contains("\"preferred_username\":\"uploader\""), uploader);
        assertEquals(2, Main.run("token", dir.toString(), "--role", "pacs-superuser"));

        assertEquals(idp, infra.identityProvider(), "the running server is reused");
        assertTrue(LocalInfra.status(dir).identityProvider().isPresent());
        assertNotEquals(null, infra.password("reader"));
    }

    /** The JSON payload of a JWT (not verified here: the services verify signatures). */
    static String payload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "a JWS has three parts");
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }
}
