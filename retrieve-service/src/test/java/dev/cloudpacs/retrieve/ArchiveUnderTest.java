package dev.cloudpacs.retrieve;

import dev.cloudpacs.testkit.ArchiveProcesses;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
    /** The front door's output (ArchiveProcesses writes target/NAME-under-test.log). */
    public static final Path FRONT_DOOR_LOG = Path.of("target/dimse-ingest-under-test.log");
    private static ArchiveUnderTest instance;

    private final ArchiveProcesses processes;
    public final Path storage;
    public final int dimsePort;
    public final int retrieveHttpPort;
    /** The management port of the retrieve-service the front door's C-GET calls go to. */
    private final int retrieveManagementPort;
    private final List<Process> retrieveServices = new ArrayList<>();
    private int started;

    private ArchiveUnderTest() throws IOException {
        processes = new ArchiveProcesses("retrieve");
        storage = processes.storage;
        dimsePort = freePort();
        retrieveHttpPort = freePort();
        retrieveManagementPort = freePort();
        startRetrieveService(retrieveHttpPort, retrieveManagementPort);
        processes.startFrontDoor("dimse-ingest", dimsePort, freePort(), Map.of(
                "PACS_RETRIEVE_SERVICE_URL", "http://127.0.0.1:" + retrieveManagementPort,
                "PACS_QUERY_SERVICE_URL", "http://127.0.0.1:" + freePort()));
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
    public synchronized Process startRetrieveService(int httpPort, int managementPort) throws IOException {
        Process p = processes.start("retrieve-service-" + (++started), ".", httpPort, Map.of(
                "PACS_RETRIEVE_SESSION_TIMEOUT", "PT6S", "PACS_MANAGEMENT_PORT", Integer.toString(managementPort)));
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

    /** Starts a new retrieve-service process on the ports of the killed one. */
    public synchronized void restartRetrieveService() throws IOException {
        Process p = startRetrieveService(retrieveHttpPort, retrieveManagementPort);
        retrieveServices.remove(p);
        retrieveServices.add(0, p);
    }

    /** The value of a counter or gauge (without labels) of the first retrieve-service, from its metrics. */
    public double retrieveMetric(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + retrieveManagementPort + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String line : r.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    public String retrieveUrl() {
        return "http://127.0.0.1:" + retrieveHttpPort;
    }

    /** Registers (or replaces) a remote AE, as {@code ./pacs ae add} does. */
    public void registerAe(String title, String host, int port) {
        processes.index.registerAe(title, host, port);
    }

    public Connection db() throws SQLException {
        return processes.index.connect();
    }

    public static int freePort() throws IOException {
        return ArchiveProcesses.freePort();
    }
}
