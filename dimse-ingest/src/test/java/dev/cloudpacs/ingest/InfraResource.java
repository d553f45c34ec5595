package dev.cloudpacs.ingest;

import dev.cloudpacs.localinfra.LocalInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one shared test resource: the real Kafka broker and PostgreSQL server of local-infra (started
 * once per test JVM), a fresh storage root and free ports for the DIMSE listener.
 */
public class InfraResource implements QuarkusTestResourceLifecycleManager {
    static volatile Path storageRoot;
    static volatile int dimsePort;

    @Override
    public Map<String, String> start() {
        try {
            LocalInfra infra = LocalInfra.shared();
            storageRoot = Files.createTempDirectory("pacs-storage-");
            dimsePort = freePort();
            return Map.of(
                    "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                    "quarkus.datasource.username", infra.dbUser(),
                    "quarkus.datasource.password", infra.dbPassword(),
                    "pacs.kafka.bootstrap-servers", infra.kafkaBootstrapServers(),
                    "pacs.storage.root", storageRoot.toString(),
                    "pacs.dimse.port", Integer.toString(dimsePort),
                    "pacs.events.study-quiet-period", "PT2S",
                    "pacs.events.stable-scan-interval", "1s",
                    "quarkus.http.test-port", "0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // local-infra stays up for the rest of the test run and stops with the JVM.
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
