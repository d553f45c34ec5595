package dev.cloudpacs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudpacs.common.storage.StorageKeys;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.localinfra.LocalInfra;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regressions of the defects an outside tester found under faults and bad input: a stalled first
 * association must not destroy what a retry stored, values the index cannot hold must not answer
 * A700, a stalled database must fail fast, and crash leftovers are reconciled.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class ReliabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    private static Association connect(String calling) throws Exception {
        AssociationRequest rq = new AssociationRequest(calling, "PACS");
        rq.addContext(UID.CTImageStorage, List.of(TransferSyntax.EXPLICIT_VR_LE.uid()));
        return Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT, null, null);
    }

    private static byte[] encode(DataSet ds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(out, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        return out.toByteArray();
    }

    private static Command store(DataSet ds) throws Exception {
        byte[] bytes = encode(ds);
        Association as = connect("RELIABLE");
        try {
            PresentationContext pc = as.contextFor(UID.CTImageStorage, null);
            Command rq = Commands.cStoreRq(as.nextMessageId(), UID.CTImageStorage, ds.getString(Tag.SOPInstanceUID), 0);
            return as.await(as.invoke(pc.id(), rq, out -> out.write(bytes), null));
        } finally {
            as.release();
        }
    }

    private static IndexRows.InstanceRow row(String iuid) throws Exception {
        return IndexRows.instance(iuid);
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void aStalledFirstAssociationThatDiesLeavesTheObjectTheRetryStored() throws Exception {
        DataSet ds = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        ds.setBytes(Tag.PixelData, VR.OW, new byte[8 << 20]);
        byte[] bytes = encode(ds);
        String iuid = ds.getString(Tag.SOPInstanceUID);

        Association first = connect("STALLED");
        PresentationContext pc = first.contextFor(UID.CTImageStorage, null);
        CountDownLatch halfSent = new CountDownLatch(1);
        CountDownLatch retryDone = new CountDownLatch(1);
        CompletableFuture<Void> stalled = CompletableFuture.runAsync(() -> {
            try {
                Command rq = Commands.cStoreRq(first.nextMessageId(), UID.CTImageStorage, iuid, 0);
                first.invoke(pc.id(), rq, out -> {
                    out.write(bytes, 0, bytes.length / 2);
                    out.flush();
                    halfSent.countDown();
                    try {
                        retryDone.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    first.abort("modality killed while stalled");
                    out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                }, null);
            } catch (Exception expected) {
                // the abort ends the first store
            }
        });
        assertTrue(halfSent.await(20, TimeUnit.SECONDS));
        Thread.sleep(300);
        try {
            assertEquals(Status.SUCCESS, store(ds).status(), "the retry on a second association");
        } finally {
            retryDone.countDown();
        }
        stalled.get(20, TimeUnit.SECONDS);
        first.awaitClosed(5_000);
        Thread.sleep(1_000); // the server has handled the abort by now

        IndexRows.InstanceRow r = row(iuid);
        assertNotNull(r);
        Path file = InfraResource.storageRoot.resolve(StorageKeys.instanceKey(iuid));
        assertTrue(Files.exists(file), "the acknowledged object is still in storage");
        assertEquals(r.sizeBytes(), Files.size(file));
        assertEquals(r.checksumSha256(), sha256(file));
    }

    @Test
    void overLongTextIsStoredAsSentIndexedShortenedAndAnsweredWithAWarning() throws Exception {
        DataSet ds = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        ds.setString(Tag.PatientID, VR.LO, "P".repeat(200));
        ds.setString(Tag.PatientName, VR.PN, "N".repeat(401));
        ds.setString(Tag.AccessionNumber, VR.SH, "A".repeat(100));
        ds.setString(Tag.StudyDescription, VR.LO, "D".repeat(200));
        Command rsp = store(ds);
        assertEquals(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING, rsp.status(), rsp.errorComment());
        assertTrue(rsp.errorComment().contains("PatientID (0010,0020) is 200 characters"), rsp.errorComment());
        assertFalse(rsp.errorComment().contains("varying"), "no database text: " + rsp.errorComment());

        String iuid = ds.getString(Tag.SOPInstanceUID);
        Object[] keys = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT p.patient_id, p.patient_name, st.accession_number, st.study_description FROM instance i"
                        + " JOIN series se ON se.pk = i.series_fk JOIN study st ON st.pk = se.study_fk"
                        + " JOIN patient p ON p.pk = st.patient_fk WHERE i.sop_instance_uid = ?1")
                .setParameter(1, iuid).getSingleResult());
        assertEquals("P".repeat(64), keys[0]);
        assertEquals("N".repeat(324), keys[1]);
        assertEquals("A".repeat(64), keys[2]);
        assertEquals("D".repeat(64), keys[3]);
        // The object itself keeps every character.
        Path file = InfraResource.storageRoot.resolve(StorageKeys.instanceKey(iuid));
        assertTrue(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("P".repeat(200)));
    }

    @Test
    void twelveCharacterIntegerStringsAreIndexedWithoutWrapping() throws Exception {
        DataSet ds = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        ds.setString(Tag.SeriesNumber, VR.IS, "99999999999");
        ds.setString(Tag.InstanceNumber, VR.IS, "-99999999999");
        assertEquals(Status.SUCCESS, store(ds).status());
        Object[] n = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT se.series_number, i.instance_number FROM instance i JOIN series se ON se.pk = i.series_fk"
                        + " WHERE i.sop_instance_uid = ?1").setParameter(1, ds.getString(Tag.SOPInstanceUID))
                .getSingleResult());
        assertEquals(99_999_999_999L, ((Number) n[0]).longValue());
        assertEquals(-99_999_999_999L, ((Number) n[1]).longValue());
    }

    @Test
    void aStalledDatabaseFailsAStoreWithinSecondsAndReadinessSaysDown() throws Exception {
        LocalInfra infra = LocalInfra.shared();
        DataSet ds = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        assertEquals(Status.SUCCESS, store(TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1))
                .status(), "a warm pool first");
        assertEquals(200, given().get("/q/health/ready").statusCode(), "ready, and the HTTP client warm");
        infra.pausePostgres();
        try {
            long t0 = System.nanoTime();
            int ready = given().get("/q/health/ready").statusCode();
            long readyMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, ready);
            assertTrue(readyMillis < 3_000, "readiness answered in " + readyMillis + " ms");

            t0 = System.nanoTime();
            Command rsp = store(ds);
            long storeMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Status.OUT_OF_RESOURCES, rsp.status(), rsp.errorComment());
            assertTrue(storeMillis < 15_000, "the store answered in " + storeMillis + " ms");
        } finally {
            infra.resumePostgres();
        }
        long deadline = System.currentTimeMillis() + 20_000;
        int status;
        do {
            status = store(ds).status();
        } while (status != Status.SUCCESS && System.currentTimeMillis() < deadline);
        assertEquals(Status.SUCCESS, status, "stores again once the database answers");
    }

    @Test
    void theReconcilerRemovesOldUnindexedObjectsAndReportsRowsWithoutOne() throws Exception {
        // A crash between the object and its index commit leaves an object nobody indexed.
        String orphanUid = UIDs.generate();
        Path orphan = InfraResource.storageRoot.resolve(StorageKeys.instanceKey(orphanUid));
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, encode(TestObjects.ct(UIDs.generate(), UIDs.generate(), orphanUid, 1)));
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        // A recent one may still be on its way to the index: it stays.
        String recentUid = UIDs.generate();
        Path recent = InfraResource.storageRoot.resolve(StorageKeys.instanceKey(recentUid));
        Files.createDirectories(recent.getParent());
        Files.write(recent, encode(TestObjects.ct(UIDs.generate(), UIDs.generate(), recentUid, 1)));
        // A row whose object went missing.
        DataSet lost = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        assertEquals(Status.SUCCESS, store(lost).status());
        String lostKey = StorageKeys.instanceKey(lost.getString(Tag.SOPInstanceUID));
        Files.delete(InfraResource.storageRoot.resolve(lostKey));

        Instant started = Instant.now();
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode report;
        do {
            Thread.sleep(500);
            report = JSON.readTree(given().get("/admin/storage").asString());
        } while ((report.path("lastPassEnded").isNull() || report.path("lastPassEnded").isMissingNode()
                || Instant.parse(report.path("lastPassEnded").asText()).isBefore(started)
                || Files.exists(orphan)) && System.currentTimeMillis() < deadline);
        assertFalse(Files.exists(orphan), "the old unindexed object is removed");
        assertTrue(Files.exists(recent), "a recent unindexed object is left alone");
        assertTrue(report.path("missingObjects").asLong() >= 1, report.toString());
        assertTrue(report.path("missingSample").toString().contains(lostKey), report.toString());
        assertNull(row(orphanUid));
        Files.delete(recent);
    }
}
