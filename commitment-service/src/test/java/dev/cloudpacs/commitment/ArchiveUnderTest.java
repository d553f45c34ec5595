package dev.cloudpacs.commitment;

import dev.cloudpacs.testkit.ServiceProcess;
import dev.cloudpacs.localinfra.LocalInfra;

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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The archive the end-to-end tests talk to, built as in production: the real Kafka and PostgreSQL of
 * local-infra, the DIMSE front door (dimse-ingest's jar) and commitment-service (this module's jar), each
 * its own process, sharing one storage root. One per test JVM; started on first use. Timing is short:
 * an in-flight window of {@link #IN_FLIGHT_WINDOW}, a same-association grace of 2 s, retries every 0.5-1 s.
 */
public final class ArchiveUnderTest {
    public static final String AE_TITLE = "PACS";
    public static final Duration IN_FLIGHT_WINDOW = Duration.ofSeconds(8);
    private static ArchiveUnderTest instance;

    public final LocalInfra infra;
    public final Path storage;
    public final int dimsePort;
    public final int ingestHttpPort;
    public final int commitmentHttpPort;
    private final Process frontDoor;
    private final Process commitmentService;
    private final List<Process> others = new java.util.ArrayList<>();

    private ArchiveUnderTest() throws IOException {
        infra = LocalInfra.shared();
        emptyIndex();
        storage = Files.createTempDirectory("pacs-commitment-storage-");
        dimsePort = freePort();
        ingestHttpPort = freePort();
        commitmentHttpPort = freePort();
        commitmentService = start("commitment-service", ".", Map.of(
                "PACS_HTTP_PORT", Integer.toString(commitmentHttpPort),
                "PACS_COMMITMENT_IN_FLIGHT_WINDOW", IN_FLIGHT_WINDOW.toString(),
                "PACS_COMMITMENT_SAME_ASSOCIATION_GRACE", "PT2S",
                "PACS_COMMITMENT_RETRY_INITIAL", "PT0.5S",
                "PACS_COMMITMENT_RETRY_MAX", "PT1S",
                "PACS_COMMITMENT_DELIVERY_DEADLINE", "PT2M",
                "PACS_COMMITMENT_SESSION_TIMEOUT", "PT6S"));
        ServiceProcess.awaitReady("commitment-service", commitmentService, commitmentHttpPort);
        frontDoor = start("dimse-ingest", "../dimse-ingest", Map.of(
                "PACS_HTTP_PORT", Integer.toString(ingestHttpPort),
                "PACS_DIMSE_PORT", Integer.toString(dimsePort),
                "PACS_QUERY_SERVICE_URL", "http://127.0.0.1:" + freePort(),
                "PACS_RETRIEVE_SERVICE_URL", "http://127.0.0.1:" + freePort()));
        ServiceProcess.awaitReady("dimse-ingest", frontDoor, ingestHttpPort);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "archive-under-test-stop"));
    }

    public static synchronized ArchiveUnderTest get() {
        if (instance == null) {
            try {
                instance = new ArchiveUnderTest();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /**
     * Starts a second front door whose Kafka is unreachable (a closed port) and returns its DIMSE port:
     * it serves C-STORE, but storage commitment requests cannot be queued there.
     */
    public synchronized int startFrontDoorWithoutKafka() throws IOException {
        int dimse = freePort();
        int http = freePort();
        Process p = start("dimse-ingest-no-kafka", "../dimse-ingest", Map.of(
                "PACS_HTTP_PORT", Integer.toString(http),
                "PACS_DIMSE_PORT", Integer.toString(dimse),
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort(),
                "PACS_KAFKA_RELAY_ENABLED", "false"));
        others.add(p);
        ServiceProcess.awaitReady("dimse-ingest-no-kafka", p, http);
        return dimse;
    }

    /** Registers (or replaces) a remote AE, as {@code ./pacs ae add} does. */
    public void registerAe(String title, String host, int port) {
        try (Connection c = db();
             PreparedStatement ps = c.prepareStatement("INSERT INTO application_entity (ae_title, host, port)"
                     + " VALUES (?, ?, ?) ON CONFLICT (ae_title) DO UPDATE SET host = EXCLUDED.host,"
                     + " port = EXCLUDED.port, updated_at = now()")) {
            ps.setString(1, title);
            ps.setString(2, host);
            ps.setInt(3, port);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register AE " + title + ": " + e.getMessage(), e);
        }
    }

    public Connection db() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
    }

    /** The stored file of an instance (the filesystem backend's key under the storage root). */
    public Path storedFile(String sopInstanceUid) throws SQLException {
        try (Connection c = db();
             PreparedStatement ps = c.prepareStatement("SELECT storage_key FROM instance WHERE sop_instance_uid = ?")) {
            ps.setString(1, sopInstanceUid);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(sopInstanceUid + " is not indexed");
                }
                return storage.resolve(rs.getString(1));
            }
        }
    }

    /** The state, attempts and delivered_on of a transaction's row. */
    public List<String> transaction(String uid) throws SQLException {
        try (Connection c = db();
             PreparedStatement ps = c.prepareStatement("SELECT state, attempts, delivered_on, last_error"
                     + " FROM commitment_transaction WHERE transaction_uid = ?")) {
            ps.setString(1, uid);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                return List.of(rs.getString(1), Integer.toString(rs.getInt(2)), String.valueOf(rs.getString(3)),
                        String.valueOf(rs.getString(4)));
            }
        }
    }

    /** Each run starts from an empty index. */
    private void emptyIndex() {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF to_regclass('instance') IS NOT NULL THEN"
                    + " TRUNCATE instance, series, study, patient, outbox, commitment_transaction, application_entity"
                    + " RESTART IDENTITY CASCADE; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test index: " + e.getMessage(), e);
        }
    }

    private void stopAll() {
        List<Process> all = new java.util.ArrayList<>(others);
        all.add(frontDoor);
        all.add(commitmentService);
        ServiceProcess.stopAll(all, storage);
    }

    /** Starts {@code module}'s jar against this archive's infrastructure and storage. */
    private Process start(String name, String module, Map<String, String> env) throws IOException {
        return ServiceProcess.start(module, infra, storage, Path.of("target/" + name + "-under-test.log"),
                List.of("-Xmx512m"), env);
    }

    public static int freePort() throws IOException {
        return dev.cloudpacs.localinfra.Ports.freePort();
    }
}
