package dev.cloudpacs.commitment;

import dev.cloudpacs.testkit.ArchiveProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    private final ArchiveProcesses processes;
    public final Path storage;
    public final int dimsePort;

    private ArchiveUnderTest() throws IOException {
        processes = new ArchiveProcesses("commitment");
        storage = processes.storage;
        dimsePort = freePort();
        processes.start("commitment-service", ".", freePort(), Map.of(
                "PACS_COMMITMENT_IN_FLIGHT_WINDOW", IN_FLIGHT_WINDOW.toString(),
                "PACS_COMMITMENT_SAME_ASSOCIATION_GRACE", "PT2S",
                "PACS_COMMITMENT_RETRY_INITIAL", "PT0.5S",
                "PACS_COMMITMENT_RETRY_MAX", "PT1S",
                "PACS_COMMITMENT_DELIVERY_DEADLINE", "PT2M",
                "PACS_COMMITMENT_SESSION_TIMEOUT", "PT6S"));
        processes.startFrontDoor("dimse-ingest", dimsePort, freePort(), Map.of(
                "PACS_QUERY_SERVICE_URL", "http://127.0.0.1:" + freePort(),
                "PACS_RETRIEVE_SERVICE_URL", "http://127.0.0.1:" + freePort()));
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
        processes.startFrontDoor("dimse-ingest-no-kafka", dimse, freePort(), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort(),
                "PACS_KAFKA_RELAY_ENABLED", "false"));
        return dimse;
    }

    /** Registers (or replaces) a remote AE, as {@code ./pacs ae add} does. */
    public void registerAe(String title, String host, int port) {
        processes.index.registerAe(title, host, port);
    }

    public Connection db() throws SQLException {
        return processes.index.connect();
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

    public static int freePort() throws IOException {
        return ArchiveProcesses.freePort();
    }
}
