package dev.cloudpacs.query;

import dev.cloudpacs.localinfra.LocalInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
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

    @Override
    public Map<String, String> start() {
        try {
            LocalInfra infra = LocalInfra.shared();
            emptyIndex(infra);
            Path jar = Path.of("../dimse-ingest/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the front door is not built: " + jar
                        + " is missing (build with ./mvnw -pl query-service -am verify)");
            }
            dimsePort = freePort();
            queryHttpPort = freePort();
            int queryManagementPort = freePort();
            int ingestHttp = freePort();
            Path storage = Files.createTempDirectory("pacs-query-storage-");
            Path log = Path.of("target/dimse-ingest-under-test.log").toAbsolutePath();
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("PACS_DB_URL", infra.jdbcUrl());
            env.put("PACS_DB_USER", infra.dbUser());
            env.put("PACS_DB_PASSWORD", infra.dbPassword());
            env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
            env.put("PACS_STORAGE_ROOT", storage.toString());
            env.put("PACS_HTTP_PORT", Integer.toString(ingestHttp));
            env.put("PACS_DIMSE_PORT", Integer.toString(dimsePort));
            env.put("PACS_MANAGEMENT_PORT", Integer.toString(freePort()));
            env.put("PACS_QUERY_SERVICE_URL", "http://127.0.0.1:" + queryManagementPort);
            frontDoor = pb.start();
            awaitReady(ingestHttp, log);
            return Map.of(
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

    private void awaitReady(int port, Path log) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!frontDoor.isAlive()) {
                throw new IllegalStateException("the front door exited with " + frontDoor.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IllegalStateException("the front door did not become ready within 120 s; see " + log);
    }

    /** Each run starts from an empty index, so the corpus is all there is to match. */
    private static void emptyIndex(LocalInfra infra) {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF to_regclass('instance') IS NOT NULL THEN"
                    + " TRUNCATE instance, series, study, patient, outbox RESTART IDENTITY CASCADE; END IF; END $$");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot empty the test index: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (frontDoor != null) {
            frontDoor.destroy();
            try {
                if (!frontDoor.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    frontDoor.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        return dev.cloudpacs.localinfra.Ports.freePort();
    }
}
