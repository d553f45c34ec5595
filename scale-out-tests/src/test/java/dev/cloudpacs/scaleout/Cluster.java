package dev.cloudpacs.scaleout;

import dev.cloudpacs.testkit.ServiceProcess;
import dev.cloudpacs.testkit.TestIndex;
import dev.cloudpacs.localinfra.LocalInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The scaled-out archive on one machine: one local-infra (Kafka + PostgreSQL) and two processes of each
 * service (dimse-ingest, query-service, retrieve-service, commitment-service) sharing one storage root.
 * Front door {@code i} relays C-FIND to query-service {@code i} and C-GET to retrieve-service {@code i};
 * C-MOVE jobs and storage commitment requests go over Kafka to whichever replica of the consumer group
 * owns the partition. Each process logs to {@code target/scale-out-<service>-<i>.log}.
 */
final class Cluster implements AutoCloseable {
    static final String AE_TITLE = "PACS";
    static final int REPLICAS = 2;

    final LocalInfra infra;
    final TestIndex index;
    final Path storage;
    final int[] dimsePort = new int[REPLICAS];
    final int[] ingestHttp = new int[REPLICAS];
    final int[] queryHttp = new int[REPLICAS];
    final int[] retrieveHttp = new int[REPLICAS];
    final int[] commitmentHttp = new int[REPLICAS];
    /** The management ports (internal endpoints) of query-service and retrieve-service. */
    final int[] queryManagement = new int[REPLICAS];
    final int[] retrieveManagement = new int[REPLICAS];
    final Process[] retrieve = new Process[REPLICAS];
    final Path[] retrieveLog = new Path[REPLICAS];
    final Path[] commitmentLog = new Path[REPLICAS];
    private final Map<String, Process> all = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();

    Cluster() throws IOException {
        infra = LocalInfra.shared();
        index = new TestIndex(infra);
        index.empty();
        storage = Files.createTempDirectory("pacs-scale-out-storage-");
        for (int i = 0; i < REPLICAS; i++) {
            dimsePort[i] = freePort();
            ingestHttp[i] = freePort();
            queryHttp[i] = freePort();
            retrieveHttp[i] = freePort();
            commitmentHttp[i] = freePort();
            queryManagement[i] = freePort();
            retrieveManagement[i] = freePort();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "scale-out-stop"));
        // All eight start at once (Flyway serialises the migrations with its lock); then each must be ready.
        for (int i = 0; i < REPLICAS; i++) {
            start("query-service", i, queryHttp[i], Map.of(
                    "PACS_MANAGEMENT_PORT", Integer.toString(queryManagement[i])));
            retrieve[i] = start("retrieve-service", i, retrieveHttp[i], Map.of(
                    "PACS_RETRIEVE_SESSION_TIMEOUT", "PT6S",
                    "PACS_MANAGEMENT_PORT", Integer.toString(retrieveManagement[i])));
            retrieveLog[i] = log("retrieve-service", i);
            start("commitment-service", i, commitmentHttp[i], Map.of(
                    "PACS_COMMITMENT_SAME_ASSOCIATION_GRACE", "PT2S",
                    "PACS_COMMITMENT_RETRY_INITIAL", "PT0.5S",
                    "PACS_COMMITMENT_RETRY_MAX", "PT1S",
                    "PACS_COMMITMENT_DELIVERY_DEADLINE", "PT2M",
                    "PACS_COMMITMENT_SESSION_TIMEOUT", "PT6S"));
            commitmentLog[i] = log("commitment-service", i);
            start("dimse-ingest", i, ingestHttp[i], Map.of(
                    "PACS_DIMSE_PORT", Integer.toString(dimsePort[i]),
                    "PACS_QUERY_SERVICE_URL", "http://127.0.0.1:" + queryManagement[i],
                    "PACS_RETRIEVE_SERVICE_URL", "http://127.0.0.1:" + retrieveManagement[i]));
        }
        for (var e : all.entrySet()) {
            ServiceProcess.awaitReady(e.getKey(), e.getValue(), httpPorts.get(e.getKey()));
        }
        // A front door that is ready takes C-STORE at once; its C-MOVE and N-ACTION need it to be reading
        // the answers (it waits 10 s for that, and on a loaded machine the start can take longer).
        for (int i = 0; i < REPLICAS; i++) {
            Path ingestLog = log("dimse-ingest", i);
            for (String topic : List.of("dicom.retrieve.progress", "dicom.commitment.results")) {
                await("dimse-ingest-" + (i + 1) + " following " + topic, Duration.ofSeconds(90),
                        () -> !logLines(ingestLog, "following " + topic + " ").isEmpty());
            }
        }
    }

    private Process start(String service, int i, int httpPort, Map<String, String> extraEnv) throws IOException {
        String name = service + "-" + (i + 1);
        Files.deleteIfExists(log(service, i)); // the tests read these logs: only this run's lines
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("PACS_HTTP_PORT", Integer.toString(httpPort));
        Process p = ServiceProcess.start("../" + service, infra, storage, log(service, i),
                List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), env);
        all.put(name, p);
        httpPorts.put(name, httpPort);
        return p;
    }

    static Path log(String service, int i) {
        return Path.of("target/scale-out-" + service + "-" + (i + 1) + ".log").toAbsolutePath();
    }

    /** Kills retrieve-service {@code i} as a crash would (SIGKILL). */
    void killRetrieve(int i) throws InterruptedException {
        retrieve[i].destroyForcibly();
        if (!retrieve[i].waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("retrieve-service-" + (i + 1) + " did not die");
        }
    }

    Connection db() throws SQLException {
        return index.connect();
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.length; k++) {
                ps.setObject(k + 1, params[k]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Registers (or replaces) a remote AE, as {@code ./pacs ae add} does. */
    void registerAe(String title, String host, int port) {
        index.registerAe(title, host, port);
    }

    Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        return Admin.create(p);
    }

    /**
     * Waits until consumer group {@code group} has {@code members} members, each assigned at least one
     * partition of {@code topic}: from then on the group's jobs are spread over all of them.
     */
    void awaitGroup(String group, String topic, int members) {
        try (Admin admin = admin()) {
            String[] last = {"nothing yet"};
            await("consumer group " + group + " with " + members + " members holding partitions of " + topic,
                    Duration.ofSeconds(90), () -> {
                        try {
                            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                                    .get(10, TimeUnit.SECONDS).get(group);
                            last[0] = d.toString();
                            List<MemberDescription> ms = new ArrayList<>(d.members());
                            return ms.size() == members && ms.stream().allMatch(m -> m.assignment().topicPartitions()
                                    .stream().anyMatch(tp -> tp.topic().equals(topic)));
                        } catch (Exception e) {
                            last[0] = e.toString();
                            return false;
                        }
                    }, () -> last[0]);
        }
    }

    /** Polls {@code condition} every 100 ms until it holds; fails after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition, () -> "");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition,
                      java.util.function.Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + " " + detail.get());
            }
            ServiceProcess.sleep(100);
        }
    }

    /** Lines of a service log containing {@code text}. */
    static List<String> logLines(Path log, String text) {
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (line.contains(text)) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        for (Process p : all.values()) {
            p.destroy();
        }
        for (Process p : all.values()) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Files.isDirectory(storage)) {
            try (var files = Files.walk(storage)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                System.err.println("cannot remove " + storage + ": " + e.getMessage());
            }
        }
    }

    static int freePort() throws IOException {
        return dev.cloudpacs.localinfra.Ports.freePort();
    }
}
