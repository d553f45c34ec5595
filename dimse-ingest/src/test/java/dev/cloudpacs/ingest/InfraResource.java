package dev.cloudpacs.ingest;

import dev.cloudpacs.localinfra.LocalInfra;
import dev.cloudpacs.testkit.AccessTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one shared test resource: the real Kafka broker and PostgreSQL server of local-infra (started
 * once per test JVM), a fresh storage root, a free port for the DIMSE listener, and a free port for
 * query-service, where {@link FindRelayTest} runs its stand-in (nothing listens there otherwise); the
 * HTTP API takes the local identity provider's tokens, and RestAssured sends the administrator's unless a
 * test names another.
 */
public class InfraResource implements QuarkusTestResourceLifecycleManager {
    static volatile Path storageRoot;
    static volatile int dimsePort;
    static volatile int queryPort;

    @Override
    public Map<String, String> start() {
        try {
            LocalInfra infra = LocalInfra.shared();
            storageRoot = Files.createTempDirectory("pacs-storage-");
            dimsePort = freePort();
            queryPort = freePort();
            String issuer = AccessTokens.issuer();
            RestAssured.filters(AccessTokens.restAssured());
            return Map.ofEntries(
                    Map.entry("quarkus.oidc.auth-server-url", issuer),
                    // No clock skew allowance: AccessControlTest sees a token expire within seconds.
                    Map.entry("quarkus.oidc.token.lifespan-grace", "0"),
                    Map.entry("quarkus.datasource.jdbc.url", infra.jdbcUrl()),
                    Map.entry("quarkus.datasource.username", infra.dbUser()),
                    Map.entry("quarkus.datasource.password", infra.dbPassword()),
                    Map.entry("pacs.kafka.bootstrap-servers", infra.kafkaBootstrapServers()),
                    Map.entry("pacs.storage.root", storageRoot.toString()),
                    Map.entry("pacs.dimse.port", Integer.toString(dimsePort)),
                    Map.entry("pacs.query.service-url", "http://127.0.0.1:" + queryPort),
                    Map.entry("pacs.query.timeout", "PT2S"),
                    Map.entry("pacs.events.study-quiet-period", "PT2S"),
                    Map.entry("pacs.events.stable-scan-interval", "PT1S"),
                    Map.entry("pacs.retrieve.progress-silence", "PT1S"),
                    Map.entry("pacs.storage.reconcile-interval", "1s"),
                    Map.entry("quarkus.http.test-port", "0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // local-infra stays up for the rest of the test run and stops with the JVM.
    }

    static int freePort() throws IOException {
        return dev.cloudpacs.localinfra.Ports.freePort();
    }
}
