package dev.cloudpacs.retrieve;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The archive the end-to-end tests talk to, built as in production: the real Kafka and PostgreSQL of
 * local-infra, the DIMSE front door (dimse-ingest's jar) and retrieve-service (this module's jar), each
 * its own process, sharing one storage root. One per test JVM; started on first use.
 */
public final class ArchiveUnderTest {
    public static final String AE_TITLE = "PACS";
    private static ArchiveUnderTest instance;

    public final LocalInfra infra;
    public final Path storage;
    public final int dimsePort;
    public final int ingestHttpPort;
    public final int retrieveHttpPort;
    private final Process frontDoor;
    private final List<Process> retrieveServices = new ArrayList<>();
    private int started;

    private ArchiveUnderTest() throws IOException {
        infra = LocalInfra.shared();
        emptyIndex();
        storage = Files.createTempDirectory("pacs-retrieve-storage-");
        dimsePort = freePort();
        ingestHttpPort = freePort();
        retrieveHttpPort = freePort();
        retrieveServices.add(startRetrieveService(retrieveHttpPort));
        frontDoor = start("dimse-ingest", "../dimse-ingest", Map.of(
                "PACS_HTTP_PORT", Integer.toString(ingestHttpPort),
                "PACS_DIMSE_PORT", Integer.toString(dimsePort),
                "PACS_RETRIEVE_SERVICE_URL", "http://127.0.0.1:" + retrieveHttpPort,
                "PACS_QUERY_SERVICE_URL", "http://127.0.0.1:" + freePort()));
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

    /** Starts one more retrieve-service process (same Kafka consumer group) and waits until it is ready. */
    public synchronized Process startRetrieveService(int httpPort) throws IOException {
        Process p = start("retrieve-service-" + (++started), ".", Map.of(
                "PACS_HTTP_PORT", Integer.toString(httpPort),
                "PACS_RETRIEVE_SESSION_TIMEOUT", "PT6S"));
        ServiceProcess.awaitReady("retrieve-service", p, httpPort);
        retrieveServices.add(p);
        return p;
    }

    /** The retrieve-service process the front door's C-GET calls (and the WADO tests) go to. */
    public synchronized Process retrieveService() {
        return retrieveServices.get(0);
    }

    /** Kills the retrieve-service process the front door's C-GET calls go to, as a crash would (SIGKILL). */
    public synchronized void killRetrieveService() throws InterruptedException {
        Process p = retrieveServices.remove(0);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a new retrieve-service process on the port of the killed one. */
    public synchronized void restartRetrieveService() throws IOException {
        Process p = startRetrieveService(retrieveHttpPort);
        retrieveServices.remove(p);
        retrieveServices.add(0, p);
    }

    public String retrieveUrl() {
        return "http://127.0.0.1:" + retrieveHttpPort;
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

    /** Each run starts from an empty index. */
    private void emptyIndex() {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF to_regclass('instance') IS NOT NULL THEN"
                    + " TRUNCATE instance, series, study, patient, outbox, retrieve_job, application_entity"
                    + " RESTART IDENTITY CASCADE; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test index: " + e.getMessage(), e);
        }
    }

    private void stopAll() {
        List<Process> all = new ArrayList<>(retrieveServices);
        all.add(frontDoor);
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
