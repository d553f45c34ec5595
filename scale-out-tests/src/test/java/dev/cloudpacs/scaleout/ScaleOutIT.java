package dev.cloudpacs.scaleout;

import dev.cloudpacs.testkit.Peers;
import dev.cloudpacs.testkit.Peers.Result;
import dev.cloudpacs.testkit.TestStudy;
import dev.cloudpacs.testkit.TestScp;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.interop.Dcmtk;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out on one machine (issue 8): two dimse-ingest, two query-service, two retrieve-service and two
 * commitment-service processes against one local-infra Kafka and PostgreSQL (see {@link Cluster}).
 * Concurrent stores through both front doors into the same studies leave no duplicate rows and one event
 * per instance; C-FIND through either front door sees everything; C-MOVE jobs are shared by the retrieve
 * replicas and survive the death of the replica running one; storage commitment works whichever
 * commitment replica takes the request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
    private static final String RETRIEVE_GROUP = "retrieve-service";
    private static final String RETRIEVE_TOPIC = "dicom.retrieve.requests";
    private static final String COMMITMENT_GROUP = "commitment-service";
    private static final String COMMITMENT_TOPIC = "dicom.commitment.requests";
    private static final String STORED_TOPIC = "dicom.instance.stored";

    private static Cluster cluster;
    private static Path work;
    private static List<TestStudy> sent;

    @BeforeAll
    static void startCluster() throws Exception {
        long t0 = System.nanoTime();
        cluster = new Cluster();
        System.out.printf("8 services ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        work = Files.createTempDirectory("scale-out-it-");
        // 2 studies x 2 series x 10 instances; the instances of every series alternate between two directories.
        sent = List.of(
                new TestStudy("SCALE", "SCALE-A", 2, 10, 64, 64, work.resolve("send-1"), work.resolve("send-2")),
                new TestStudy("SCALE", "SCALE-B", 2, 10, 64, 64, work.resolve("send-1"), work.resolve("send-2")));
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void concurrentStorescuIntoTheSameStudiesLeavesNoDuplicatesAndOneEventPerInstance() throws Exception {
        Dcmtk.assumeAvailable();
        List<CompletableFuture<Result>> senders = new ArrayList<>();
        for (int i = 0; i < Cluster.REPLICAS; i++) {
            List<String> cmd = List.of("storescu", "-aet", "SENDER" + (i + 1), "-aec", Cluster.AE_TITLE, "+sd",
                    "127.0.0.1", Integer.toString(cluster.dimsePort[i]), work.resolve("send-" + (i + 1)).toString());
            senders.add(CompletableFuture.supplyAsync(() -> run(120, cmd)));
        }
        for (CompletableFuture<Result> s : senders) {
            Result r = s.get(150, TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.output());
        }

        Set<String> all = new HashSet<>();
        for (TestStudy s : sent) {
            all.addAll(s.files.keySet());
            String study = s.studyUid;
            assertEquals(20, cluster.count("SELECT count(*) FROM instance i JOIN series se ON i.series_fk = se.pk"
                    + " JOIN study st ON se.study_fk = st.pk WHERE st.study_instance_uid = ?", study), "instances");
            assertEquals(20, cluster.count("SELECT count(DISTINCT i.sop_instance_uid) FROM instance i"
                    + " JOIN series se ON i.series_fk = se.pk JOIN study st ON se.study_fk = st.pk"
                    + " WHERE st.study_instance_uid = ?", study), "distinct instances");
            assertEquals(2, cluster.count("SELECT count(*) FROM series se JOIN study st ON se.study_fk = st.pk"
                    + " WHERE st.study_instance_uid = ?", study), "series rows");
            assertEquals(1, cluster.count("SELECT count(*) FROM study WHERE study_instance_uid = ?", study),
                    "study rows");
            assertEquals(1, cluster.count("SELECT count(*) FROM patient WHERE patient_id = ?", s.patientId),
                    "patient rows of " + s.patientId);
        }
        assertEquals(40, all.size());
        assertEquals(40, cluster.count("SELECT count(*) FROM instance"), "instance rows in the index");

        // Everything the outbox holds is published (and deleted) before the topic is read to its end.
        Cluster.await("the outbox relayed", Duration.ofSeconds(60), () -> {
            try {
                return cluster.count("SELECT count(*) FROM outbox") == 0;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
        Map<String, Integer> events = storedEvents(all);
        assertEquals(all, events.keySet(), "an event for every instance");
        for (var e : events.entrySet()) {
            assertEquals(1, e.getValue(), "events for " + e.getKey());
        }
    }

    @Test
    @Order(2)
    void findscuThroughEitherFrontDoorSeesEveryInstance() throws Exception {
        Dcmtk.assumeAvailable();
        // Hierarchical queries (no relational extended negotiation): one per series, with the keys above it.
        for (int i = 0; i < Cluster.REPLICAS; i++) {
            for (TestStudy s : sent) {
                Set<String> found = new HashSet<>();
                for (String series : s.seriesUids) {
                    Path out = Files.createDirectories(work.resolve("find-" + i + "-" + series));
                    Result r = run(60, List.of("findscu", "-S", "-aet", "FINDER", "-aec", Cluster.AE_TITLE,
                            "-X", "-od", out.toString(), "-k", "QueryRetrieveLevel=IMAGE",
                            "-k", "StudyInstanceUID=" + s.studyUid, "-k", "SeriesInstanceUID=" + series,
                            "-k", "SOPInstanceUID", "127.0.0.1", Integer.toString(cluster.dimsePort[i])));
                    assertEquals(0, r.exit(), r.output());
                    Set<String> inSeries = new HashSet<>();
                    try (Stream<Path> files = Files.list(out)) {
                        for (Path f : files.filter(p -> p.getFileName().toString().startsWith("rsp")).toList()) {
                            inSeries.add(DicomReader.read(f).dataSet().getString(Tag.SOPInstanceUID));
                        }
                    }
                    assertEquals(new HashSet<>(s.inSeries(series)), inSeries,
                            "C-FIND through front door " + (i + 1) + " for series " + series + "\n" + r.output());
                    found.addAll(inSeries);
                }
                assertEquals(s.files.keySet(), found, "C-FIND through front door " + (i + 1) + " for " + s.patientId);
            }
        }
    }

    @Test
    @Order(3)
    void moveJobsAreSharedByTheRetrieveReplicas() throws Exception {
        TestStudy study = new TestStudy("SCALE", "SCALE-MOVE", 1, 10, 32, 32, work.resolve("move"))
                .storeTo(cluster.dimsePort[1]);
        String series = study.seriesUids.get(0);
        Path dir = work.resolve("shared-dest");
        try (TestScp dest = new TestScp(dir, 0, Set.of())) {
            cluster.registerAe("SHARED", "127.0.0.1", dest.port());
            cluster.awaitGroup(RETRIEVE_GROUP, RETRIEVE_TOPIC, 2);
            // Jobs are keyed by a random id, so each lands on either replica's partitions with even odds:
            // batches of 16 until both have run one (a second batch is needed once in 2^15 runs).
            int[] ran = new int[Cluster.REPLICAS];
            int moves = 0;
            for (int batch = 0; batch < 4 && (ran[0] == 0 || ran[1] == 0); batch++) {
                List<CompletableFuture<Command>> done = new ArrayList<>();
                for (int k = 0; k < 16; k++) {
                    done.add(move(cluster.dimsePort[k % 2], "SHARED", "SERIES", study.studyUid, series));
                }
                for (CompletableFuture<Command> d : done) {
                    Command rsp = d.get(120, TimeUnit.SECONDS);
                    assertEquals(Status.SUCCESS, rsp.status(), rsp.toString());
                    assertEquals(10, rsp.numberOfCompletedSubOperations(), rsp.toString());
                }
                moves += done.size();
                for (int i = 0; i < Cluster.REPLICAS; i++) {
                    ran[i] = jobIds(cluster.retrieveLog[i], "SHARED").size();
                }
            }
            System.out.printf("%d C-MOVE jobs: retrieve-service-1 ran %d, retrieve-service-2 ran %d%n", moves,
                    ran[0], ran[1]);
            assertTrue(ran[0] > 0 && ran[1] > 0, "both replicas ran jobs: " + ran[0] + " and " + ran[1]);
            Set<String> jobs = new HashSet<>(jobIds(cluster.retrieveLog[0], "SHARED"));
            jobs.addAll(jobIds(cluster.retrieveLog[1], "SHARED"));
            assertEquals(moves, jobs.size(), "every job ran");
            assertEquals(moves, cluster.count("SELECT count(*) FROM retrieve_job"), "retrieve_job rows");
        }
    }

    @Test
    @Order(4)
    void theOtherReplicaFinishesTheJobOfAKilledOne() throws Exception {
        TestStudy big = new TestStudy("SCALE", "SCALE-KILL", 1, 120, 32, 32, work.resolve("kill")).storeTo(cluster.dimsePort[0]);
        Path dir = work.resolve("survivor");
        try (TestScp dest = new TestScp(dir, 30, Set.of())) {
            cluster.registerAe("SURVIVOR", "127.0.0.1", dest.port());
            cluster.awaitGroup(RETRIEVE_GROUP, RETRIEVE_TOPIC, 2);
            CompletableFuture<Command> done = move(cluster.dimsePort[0], "SURVIVOR", "STUDY", big.studyUid, null);
            Cluster.await("the move started", Duration.ofSeconds(60), () -> dest.received.get() >= 10);
            int[] runner = {-1};
            Cluster.await("a retrieve-service log names the job", Duration.ofSeconds(10), () -> {
                for (int i = 0; i < Cluster.REPLICAS; i++) {
                    if (!Cluster.logLines(cluster.retrieveLog[i], "instance(s) to SURVIVOR ").isEmpty()) {
                        runner[0] = i;
                        return true;
                    }
                }
                return false;
            });
            int victim = runner[0];
            int other = 1 - victim;
            cluster.killRetrieve(victim);
            int atKill = dest.received.get();
            System.out.printf("killed retrieve-service-%d after %d of 120 instances%n", victim + 1, atKill);
            assertTrue(atKill < 120, "killed mid-move");
            Command rsp = done.get(120, TimeUnit.SECONDS);
            assertEquals(Status.SUCCESS, rsp.status(), rsp.toString());
            assertEquals(120, rsp.numberOfCompletedSubOperations(), rsp.toString());
            assertEquals(new HashSet<>(big.sopInstanceUids()), received(dir).keySet());
            List<String> resumed = Cluster.logLines(cluster.retrieveLog[other], "instance(s) to SURVIVOR ");
            assertTrue(!resumed.isEmpty(), "retrieve-service-" + (other + 1) + " took the job over");
            System.out.println("resumed: " + resumed.get(0));
        }
    }

    @Test
    @Order(5)
    void storageCommitmentWorksWhicheverReplicaTakesTheRequest() throws Exception {
        Path dir = work.resolve("commit");
        new TestStudy("SCALE", "SCALE-COMMIT", 1, 5, 32, 32, dir).storeTo(cluster.dimsePort[1]);
        cluster.awaitGroup(COMMITMENT_GROUP, COMMITMENT_TOPIC, 2);
        // Transactions are keyed by their random UID: rounds of one request per front door until each
        // commitment replica has answered one (a fourth round is needed once in 2^5 runs or so).
        int[] served = new int[Cluster.REPLICAS];
        int requests = 0;
        Set<String> sentAes = new HashSet<>();
        for (int round = 1; round <= 10 && (served[0] == 0 || served[1] == 0); round++) {
            List<CompletableFuture<Result>> scus = new ArrayList<>();
            List<String> aes = new ArrayList<>();
            for (int i = 0; i < Cluster.REPLICAS; i++) {
                String ae = "COMMIT" + round + "X" + (i + 1);
                aes.add(ae);
                List<String> cmd = List.of(tool("commit_scu"), "-aet", ae, "-aec", Cluster.AE_TITLE,
                        "--wait", "60", "127.0.0.1", Integer.toString(cluster.dimsePort[i]), dir.toString());
                scus.add(CompletableFuture.supplyAsync(() -> run(120, cmd)));
            }
            for (CompletableFuture<Result> s : scus) {
                Result r = s.get(150, TimeUnit.SECONDS);
                assertEquals(0, r.exit(), r.output());
                assertTrue(r.output().contains("N-EVENT-REPORT (same association): event type 1, 5 committed,"
                        + " 0 failed"), r.output());
            }
            requests += scus.size();
            for (String ae : aes) {
                Cluster.await("a commitment-service log names " + ae, Duration.ofSeconds(10), () -> {
                    for (int i = 0; i < Cluster.REPLICAS; i++) {
                        if (!Cluster.logLines(cluster.commitmentLog[i], " from " + ae + ": ").isEmpty()) {
                            return true;
                        }
                    }
                    return false;
                });
            }
            for (int i = 0; i < Cluster.REPLICAS; i++) {
                served[i] = Cluster.logLines(cluster.commitmentLog[i], " from COMMIT").size();
            }
            sentAes.addAll(aes);
        }
        System.out.printf("%d storage commitment requests: commitment-service-1 answered %d,"
                + " commitment-service-2 answered %d%n", requests, served[0], served[1]);
        assertTrue(served[0] > 0 && served[1] > 0, "both replicas answered: " + served[0] + " and " + served[1]);
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < Cluster.REPLICAS; i++) {
            for (String line : Cluster.logLines(cluster.commitmentLog[i], " from COMMIT")) {
                answered.add(line.replaceAll(".* from (COMMIT[0-9X]+): .*", "$1"));
            }
        }
        assertEquals(sentAes, answered, "every request answered");
    }

    /** The ids of the C-MOVE jobs to {@code destination} a retrieve-service log shows starting. */
    private static Set<String> jobIds(Path log, String destination) {
        Set<String> ids = new HashSet<>();
        for (String line : Cluster.logLines(log, "instance(s) to " + destination + " ")) {
            ids.add(line.replaceAll(".*C-MOVE job ([^:]+): .*", "$1"));
        }
        return ids;
    }

    /** Events of {@code dicom.instance.stored} by SOP Instance UID (ce_subject), for the given UIDs only. */
    private static Map<String, Integer> storedEvents(Set<String> uids) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.infra.kafkaBootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(STORED_TOPIC, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(STORED_TOPIC, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                assertTrue(System.nanoTime() < deadline, "read " + STORED_TOPIC + " to its end within 60 s");
                for (ConsumerRecord<String, byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    Header h = rec.headers().lastHeader("ce_subject");
                    String subject = h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
                    if (subject != null && uids.contains(subject)) {
                        counts.merge(subject, 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    /** Our C-MOVE SCU on its own association through the given front door; completes with the final response. */
    private static CompletableFuture<Command> move(int port, String destination, String level, String studyUid,
                                                   String seriesUid) throws IOException {
        AssociationRequest rq = new AssociationRequest("MOVETEST", Cluster.AE_TITLE);
        rq.addContext(QueryRetrieveScu.STUDY_ROOT_MOVE, List.of("1.2.840.10008.1.2.1"));
        Association as = Connector.connect("127.0.0.1", port, rq, AssociationOptions.DEFAULT.withDimseTimeout(0),
                null, null);
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        keys.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        if (seriesUid != null) {
            keys.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        }
        QueryRetrieveScu.Operation op = QueryRetrieveScu.move(as, QueryRetrieveScu.STUDY_ROOT_MOVE, destination,
                keys, r -> { });
        return op.done().whenCompleteAsync((r, e) -> {
            try {
                as.release();
            } catch (IOException ignored) {
                as.abort("test done");
            }
        });
    }

    /** Our tools, as a user runs them from bin/. */
    private static String tool(String name) {
        return Peers.tool(name).toString();
    }

    /** {@link Peers#run}, for use in futures: the output starts with the command line, failures unchecked. */
    private static Result run(long seconds, List<String> command) {
        try {
            Result r = Peers.run(seconds, command);
            return new Result(r.exit(), String.join(" ", command) + "\n" + r.output());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The DICOM files of a directory by SOP Instance UID. */
    private static Map<String, Path> received(Path dir) throws IOException {
        Map<String, Path> byUid = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return byUid;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            try {
                DicomFile df = DicomReader.read(f, ReadOptions.DEFAULT.withStopBeforeTag(0x00080019));
                if (df.sopInstanceUid() != null) {
                    byUid.put(df.sopInstanceUid(), f);
                }
            } catch (IOException e) {
                // a file being written, or not DICOM
            }
        }
        return byUid;
    }
}
