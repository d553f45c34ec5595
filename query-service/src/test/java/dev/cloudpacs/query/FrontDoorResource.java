package dev.cloudpacs.query;

import dev.cloudpacs.localinfra.LocalInfra;
import dev.cloudpacs.testkit.ServiceProcess;
import dev.cloudpacs.testkit.TestIndex;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The test's archive: the real Kafka and PostgreSQL of local-infra (once per test JVM, index emptied),
 * query-service in this JVM, and the real DIMSE front door (dimse-ingest's built jar) as its own
 * process pointed at this query-service, as in production.
 */
public class FrontDoorResource implements QuarkusTestResourceLifecycleManager {
    static volatile int dimsePort;
    static volatile int queryHttpPort;
    private Process frontDoor;
    private Path storage;

    @Override
    public Map<String, String> start() {
        try {
            LocalInfra infra = LocalInfra.shared();
            new TestIndex(infra).empty(); // the corpus is all there is to match
            dimsePort = freePort();
            queryHttpPort = freePort();
            int queryManagementPort = freePort();
            int ingestHttp = freePort();
            storage = Files.createTempDirectory("pacs-query-storage-");
            frontDoor = ServiceProcess.start("../dimse-ingest", infra, storage,
                    Path.of("target/dimse-ingest-under-test.log"), List.of("-Xmx512m"), Map.of(
                            "PACS_HTTP_PORT", Integer.toString(ingestHttp),
                            "PACS_DIMSE_PORT", Integer.toString(dimsePort),
                            "PACS_QUERY_SERVICE_URL", "http://127.0.0.1:" + queryManagementPort));
            ServiceProcess.awaitReady("the front door", frontDoor, ingestHttp);
            return Map.of(
                    "quarkus.oidc.auth-server-url", infra.identityProvider().issuer(),
                    "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                    "quarkus.datasource.username", infra.dbUser(),
                    "quarkus.datasource.password", infra.dbPassword(),
                    "pacs.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                    "quarkus.http.test-port", Integer.toString(queryHttpPort),
                    "quarkus.management.test-port", Integer.toString(queryManagementPort),
                    // The variable an operator sets (read through the shared defaults' expression).
                    "PACS_CORS_ORIGINS", QidoTest.VIEWER_ORIGIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (frontDoor != null) {
            ServiceProcess.stopAll(List.of(frontDoor), storage);
        }
    }

    static int freePort() throws IOException {
        return dev.cloudpacs.localinfra.Ports.freePort();
    }
}
