package dev.cloudpacs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudpacs.dicom.core.interop.Dcmtk;
import dev.cloudpacs.dicom.core.interop.Part10Bytes;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.EchoScu;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C-STORE through the front door against the real broker and database: the stored file is
 * byte-identical in its data set, the index rows are right, and exactly one event per instance arrives.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class CStoreIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    Path tmp;

    @org.junit.jupiter.api.BeforeEach
    void tempDir() throws java.io.IOException {
        // @TempDir is not injected into @QuarkusTest instances; a plain temp directory does the job.
        tmp = java.nio.file.Files.createTempDirectory("ingest-test-");
    }

    static Association connect(String calledAe, List<StoreScu.Item> items) throws Exception {
        AssociationRequest rq = new AssociationRequest("TESTSCU", calledAe);
        rq.addContext(VerificationScp.VERIFICATION, List.of("1.2.840.10008.1.2"));
        StoreScu.proposeContexts(rq, items);
        return Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT, null, null);
    }

    @Test
    void echoAndStoreWithOurStoreScu() throws Exception {
        String study = UIDs.generate();
        List<Path> files = TestObjects.study(tmp, study, 5);
        List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
        Association as = connect("PACS", items);
        assertEquals(Status.SUCCESS, EchoScu.echo(as));
        for (StoreScu.Item item : items) {
            StoreScu.Result r = StoreScu.send(as, item, 0, null, 0);
            assertEquals(Status.SUCCESS, r.status(), () -> "status " + Integer.toHexString(r.status()) + " " + r.errorComment());
        }
        as.release();
        assertStored(study, files, "TESTSCU");
    }

    @Test
    void storeWithDcmtkStorescu() throws Exception {
        Dcmtk.assumeAvailable();
        String study = UIDs.generate();
        List<Path> files = TestObjects.study(tmp.resolve("dcmtk"), study, 4);
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "DCMTKSCU", "-aec", "PACS", "127.0.0.1",
                Integer.toString(InfraResource.dimsePort)));
        files.forEach(f -> cmd.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertStored(study, files, "DCMTKSCU");
    }

    @Test
    void studyBecomesStableAfterTheQuietPeriod() throws Exception {
        String study = UIDs.generate();
        List<Path> files = TestObjects.study(tmp.resolve("stable"), study, 2);
        List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
        Association as = connect("PACS", items);
        for (StoreScu.Item item : items) {
            assertEquals(Status.SUCCESS, StoreScu.send(as, item, 0, null, 0).status());
        }
        as.release();
        // Tests run with a 2 s quiet period: exactly one stable event, counting both instances.
        List<ConsumerRecord<String, String>> events = EventProbe.await("dicom.study.stable",
                r -> study.equals(r.key()), 1, Duration.ofSeconds(60));
        assertEquals(1, events.size());
        JsonNode ev = JSON.readTree(events.get(0).value());
        assertEquals(study, ev.path("studyInstanceUID").asText());
        assertEquals(1, ev.path("numberOfSeries").asInt());
        assertEquals(2, ev.path("numberOfInstances").asInt());
        assertEquals("dev.cloudpacs.dicom.study.stable.v1", EventProbe.header(events.get(0), "ce_type"));
    }

    @Test
    void aSeriesRemovedFromTheIndexIsIndexedAgain() throws Exception {
        // The front door remembers series keys; rows deleted behind its back must not fail later stores.
        String study = UIDs.generate();
        List<Path> files = TestObjects.study(tmp.resolve("removed"), study, 2);
        List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
        Association as = connect("PACS", items);
        assertEquals(Status.SUCCESS, StoreScu.send(as, items.get(0), 0, null, 0).status());
        IndexRows.update("DELETE FROM instance WHERE series_fk IN (SELECT s.pk FROM series s JOIN study t"
                + " ON s.study_fk = t.pk WHERE t.study_instance_uid = ?)", study);
        IndexRows.update("DELETE FROM series WHERE study_fk IN (SELECT pk FROM study WHERE study_instance_uid = ?)",
                study);
        IndexRows.update("DELETE FROM study WHERE study_instance_uid = ?", study);
        StoreScu.Result r = StoreScu.send(as, items.get(1), 0, null, 0);
        as.release();
        assertEquals(Status.SUCCESS, r.status(), () -> Integer.toHexString(r.status()) + " " + r.errorComment());
        assertEquals(1, IndexRows.count("SELECT count(*) FROM study WHERE study_instance_uid = ?", study));
        assertEquals(1, IndexRows.count("SELECT count(*) FROM instance WHERE sop_instance_uid = ?",
                items.get(1).sopInstanceUid()));
    }

    @Test
    void wrongCalledAeIsRejected() throws Exception {
        try {
            connect("NOT-PACS", List.of());
            throw new AssertionError("association was accepted");
        } catch (dev.cloudpacs.dicom.net.assoc.AssociationException e) {
            assertTrue(e.getMessage().contains("called AE title not recognized"), e.getMessage());
        }
    }

    /** Files on disk, index rows and events for a study stored from {@code callingAe}. */
    static void assertStored(String study, List<Path> files, String callingAe) throws Exception {
        Map<String, Path> bySop = new HashMap<>();
        for (Path f : files) {
            bySop.put(DicomReader.read(f).sopInstanceUid(), f);
        }
        for (var e : bySop.entrySet()) {
            IndexRows.InstanceRow row = IndexRows.instance(e.getKey());
            assertNotNull(row, "no index row for " + e.getKey());
            assertEquals(callingAe, row.sourceAe());
            Path stored = InfraResource.storageRoot.resolve(row.storageKey());
            assertTrue(Files.exists(stored), stored.toString());
            assertArrayEquals(Part10Bytes.dataSet(e.getValue()), Part10Bytes.dataSet(stored),
                    "stored data set differs for " + e.getKey());
            assertEquals(Files.size(stored), row.sizeBytes());
            assertEquals(64, row.checksumSha256().length());
            JsonNode header = JSON.readTree(row.header());
            assertEquals("CT", header.path("00080060").path("Value").path(0).asText());
            assertTrue(header.path("7FE00010").isMissingNode(), "pixel data must not be in the header JSON");
        }
        assertEquals(1, IndexRows.count("SELECT count(*) FROM study WHERE study_instance_uid = ?", study));
        assertEquals(1, IndexRows.count("SELECT count(*) FROM series r JOIN study t ON r.study_fk = t.pk"
                + " WHERE t.study_instance_uid = ?", study));

        List<ConsumerRecord<String, String>> events = EventProbe.await("dicom.instance.stored",
                r -> study.equals(r.key()), files.size(), Duration.ofSeconds(60));
        // Delivery is at-least-once (a Kafka outage can make the relay publish a batch again): a second
        // record for an instance must be the same event (same ce_id), never a second event.
        Map<String, String> eventIds = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> r : events) {
            JsonNode ev = JSON.readTree(r.value());
            String sop = ev.path("sopInstanceUID").asText();
            String id = EventProbe.header(r, "ce_id");
            String first = eventIds.putIfAbsent(sop, id);
            assertTrue(first == null || first.equals(id), "two different events for " + sop);
            seen.add(sop);
            assertTrue(bySop.containsKey(sop), "event for an unknown instance " + sop);
            assertEquals("1.0", EventProbe.header(r, "ce_specversion"));
            assertEquals("dev.cloudpacs.dicom.instance.stored.v1", EventProbe.header(r, "ce_type"));
            assertEquals(sop, EventProbe.header(r, "ce_subject"));
            assertNotNull(EventProbe.header(r, "ce_id"));
            assertEquals(callingAe, ev.path("callingAE").asText());
            assertEquals("PACS", ev.path("calledAE").asText());
            assertEquals(study, ev.path("studyInstanceUID").asText());
            assertEquals("CT", ev.path("series").path("modality").asText());
            assertEquals(64, ev.path("sha256").asText().length());
        }
        assertEquals(bySop.keySet(), seen, "exactly one event per instance");
    }
}
