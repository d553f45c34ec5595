package dev.cloudpacs.commitment;

import dev.cloudpacs.testkit.TestStudy;
import dev.cloudpacs.testkit.Peers;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storage commitment through the front door: the N-ACTION goes over Kafka to commitment-service, the
 * N-EVENT-REPORT comes back on the same association, or on a new one to the requester's registered AE.
 */
class CommitIT {
    private static ArchiveUnderTest archive;
    private static TestStudy study;
    private static Path work;

    @BeforeAll
    static void store() throws Exception {
        archive = ArchiveUnderTest.get();
        work = Files.createTempDirectory("commit-it-");
        study = new TestStudy("COMMIT", "COMMIT-1", 1, 5, 32, 32, work.resolve("sent")).storeTo(archive.dimsePort);
    }

    @org.junit.jupiter.api.AfterAll
    static void removeFiles() throws java.io.IOException {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static List<Reference> refs(TestStudy s) {
        List<Reference> out = new ArrayList<>();
        for (String iuid : s.files.keySet()) {
            out.add(new Reference(UID.CTImageStorage, iuid));
        }
        return out;
    }

    @Test
    void commitScuOnTheSameAssociationAllCommitted() throws Exception {
        Peers.Result r = Peers.run(120, List.of(Peers.tool("commit_scu").toString(), "-aet", "COMMITTER",
                "-aec", "PACS", "--wait", "60", "127.0.0.1", Integer.toString(archive.dimsePort),
                work.resolve("sent").toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("N-EVENT-REPORT (same association): event type 1, 5 committed, 0 failed"),
                r.output());
    }

    @Test
    void commitScuListeningGetsTheReportOnANewAssociation() throws Exception {
        int port = ArchiveUnderTest.freePort();
        archive.registerAe("LISTENER", "127.0.0.1", port);
        Peers.Result r = Peers.run(120, List.of(Peers.tool("commit_scu").toString(), "-aet", "LISTENER",
                "-aec", "PACS", "--listen", Integer.toString(port), "--wait", "60", "127.0.0.1",
                Integer.toString(archive.dimsePort), work.resolve("sent").toString()));
        assertEquals(0, r.exit(), r.output());
        // commit_scu releases its association right after the N-ACTION response; a result that is ready
        // before the A-RELEASE-RQ arrives may still be reported there (PS3.4 J.3.3). Either way the
        // listener must have been up and the report complete. The new-association path itself is pinned
        // down by requesterDownAtFirstGetsTheReportOnceItListens.
        assertTrue(r.output().contains("listening for the N-EVENT-REPORT on port " + port), r.output());
        assertTrue(r.output().contains("N-EVENT-REPORT (new association): event type 1, 5 committed, 0 failed")
                || r.output().contains("N-EVENT-REPORT (same association): event type 1, 5 committed, 0 failed"),
                r.output());
    }

    @Test
    void missingInstanceFails0112AndTheOthersAreCommitted() throws Exception {
        List<Reference> refs = refs(study);
        String missing = UIDs.generate();
        refs.add(new Reference(UID.CTImageStorage, missing));
        String tx = UIDs.generate();
        try (Requester rq = new Requester("MISSER", archive.dimsePort)) {
            assertEquals(Status.SUCCESS, rq.request(tx, refs));
            StorageCommitmentScu.Result res = rq.scu.await(tx, 60_000);
            assertEquals(2, res.eventType());
            assertEquals(5, res.committed().size());
            assertEquals(1, res.failed().size());
            assertEquals(missing, res.failed().get(0).reference().sopInstanceUid());
            assertEquals(Status.NO_SUCH_OBJECT_INSTANCE, res.failed().get(0).reason());
            assertEquals("same association", res.reportedOn());
            assertEquals(tx, res.transactionUid());
        }
    }

    @Test
    void wrongSopClassFails0119() throws Exception {
        String iuid = study.sopInstanceUids().get(0);
        String tx = UIDs.generate();
        try (Requester rq = new Requester("CLASSY", archive.dimsePort)) {
            assertEquals(Status.SUCCESS, rq.request(tx, List.of(new Reference(UID.MRImageStorage, iuid))));
            StorageCommitmentScu.Result res = rq.scu.await(tx, 60_000);
            assertEquals(2, res.eventType());
            assertEquals(Status.CLASS_INSTANCE_CONFLICT, res.failed().get(0).reason());
        }
    }

    @Test
    void instanceStoredWithinTheInFlightWindowIsCommitted() throws Exception {
        TestStudy late = new TestStudy("COMMIT", "COMMIT-LATE", 1, 2, 16, 16, work.resolve("late"));
        String tx = UIDs.generate();
        try (Requester rq = new Requester("EARLY", archive.dimsePort)) {
            assertEquals(Status.SUCCESS, rq.request(tx, refs(late)));
            Thread.sleep(1_500);
            late.storeTo(archive.dimsePort);
            StorageCommitmentScu.Result res = rq.scu.await(tx, 60_000);
            assertEquals(1, res.eventType(), "failed: " + res.failed());
            assertEquals(2, res.committed().size());
        }
    }

    @Test
    void requesterDownAtFirstGetsTheReportOnceItListens() throws Exception {
        int port = ArchiveUnderTest.freePort();
        archive.registerAe("LATECOMER", "127.0.0.1", port);
        String tx = UIDs.generate();
        Requester rq = new Requester("LATECOMER", archive.dimsePort);
        assertEquals(Status.SUCCESS, rq.request(tx, refs(study)));
        rq.close(); // gone before the result: it must come on a new association
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Integer.parseInt(orZero(archive.transaction(tx), 1)) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<String> row = archive.transaction(tx);
        assertTrue(Integer.parseInt(row.get(1)) >= 2, "failed attempts recorded: " + row);
        assertTrue(row.get(3).contains("onnect") || row.get(3).contains("refused"), "last_error: " + row);
        DicomServer listener = rq.listen(port);
        try {
            StorageCommitmentScu.Result res = rq.scu.await(tx, 30_000);
            assertEquals(1, res.eventType());
            assertEquals("new association", res.reportedOn());
            assertEquals(5, res.committed().size());
        } finally {
            listener.shutdown(1000);
        }
        assertEquals("DELIVERED", archive.transaction(tx).get(0));
    }

    @Test
    void repeatedTransactionUidGetsTheFirstResultAgain() throws Exception {
        TestStudy later = new TestStudy("COMMIT", "COMMIT-REPEAT", 1, 1, 16, 16, work.resolve("later"));
        List<Reference> refs = refs(later);
        String tx = UIDs.generate();
        try (Requester first = new Requester("REPEATER", archive.dimsePort)) {
            assertEquals(Status.SUCCESS, first.request(tx, refs));
            assertEquals(2, first.scu.await(tx, 60_000).eventType());
        }
        later.storeTo(archive.dimsePort); // stored now, but the transaction was answered already
        try (Requester again = new Requester("REPEATER", archive.dimsePort)) {
            assertEquals(Status.SUCCESS, again.request(tx, refs));
            StorageCommitmentScu.Result res = again.scu.await(tx, 30_000);
            assertEquals(2, res.eventType());
            assertEquals(Status.NO_SUCH_OBJECT_INSTANCE, res.failed().get(0).reason());
            assertEquals("same association", res.reportedOn());
        }
    }

    @Test
    void invalidRequestsGetTheNActionFailureStatuses() throws Exception {
        try (Requester rq = new Requester("BROKEN", archive.dimsePort)) {
            DataSet ok = info(UIDs.generate(), study.sopInstanceUids().get(0));
            assertEquals(Status.NO_SUCH_ACTION_TYPE, rq.raw(StorageCommitmentScu.SOP_INSTANCE, 2, ok).status());
            assertEquals(Status.NO_SUCH_OBJECT_INSTANCE, rq.raw("1.2.3.4", 1, ok).status());
            assertEquals(Status.INVALID_OBJECT_INSTANCE, rq.raw("1.2.x", 1, ok).status());
            DataSet noTx = info(null, study.sopInstanceUids().get(0));
            assertEquals(Status.MISSING_ATTRIBUTE, rq.raw(StorageCommitmentScu.SOP_INSTANCE, 1, noTx).status());
            DataSet badTx = info("1.2.03.abc", study.sopInstanceUids().get(0));
            var rsp = rq.raw(StorageCommitmentScu.SOP_INSTANCE, 1, badTx);
            assertEquals(Status.INVALID_ATTRIBUTE_VALUE, rsp.status());
            assertTrue(rsp.errorComment().contains("Transaction UID"), rsp.errorComment());
            DataSet noSeq = new DataSet();
            noSeq.setString(Tag.TransactionUID, VR.UI, UIDs.generate());
            assertEquals(Status.MISSING_ATTRIBUTE, rq.raw(StorageCommitmentScu.SOP_INSTANCE, 1, noSeq).status());
            DataSet badRef = info(UIDs.generate(), "not-a-uid");
            assertEquals(Status.INVALID_ATTRIBUTE_VALUE, rq.raw(StorageCommitmentScu.SOP_INSTANCE, 1, badRef).status());
        }
    }

    @Test
    void corruptedObjectFails0110AndLostObjectFails0112() throws Exception {
        TestStudy damaged = new TestStudy("COMMIT", "COMMIT-DAMAGED", 1, 2, 16, 16, work.resolve("damaged"))
                .storeTo(archive.dimsePort);
        List<String> uids = damaged.sopInstanceUids();
        Path corrupt = archive.storedFile(uids.get(0));
        byte[] bytes = Files.readAllBytes(corrupt);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(corrupt, bytes);
        Files.delete(archive.storedFile(uids.get(1)));
        String tx = UIDs.generate();
        try (Requester rq = new Requester("AUDITOR", archive.dimsePort)) {
            assertEquals(Status.SUCCESS, rq.request(tx, refs(damaged)));
            StorageCommitmentScu.Result res = rq.scu.await(tx, 60_000);
            assertEquals(2, res.eventType());
            assertEquals(0, res.committed().size());
            assertEquals(uids.get(0), res.failed().get(0).reference().sopInstanceUid());
            assertEquals(Status.PROCESSING_FAILURE, res.failed().get(0).reason());
            assertEquals(uids.get(1), res.failed().get(1).reference().sopInstanceUid());
            assertEquals(Status.NO_SUCH_OBJECT_INSTANCE, res.failed().get(1).reason());
        }
    }

    @Test
    void kafkaUnreachableIsAnsweredProcessingFailureAtOnce() throws Exception {
        int port = archive.startFrontDoorWithoutKafka();
        try (Requester rq = new Requester("NOKAFKA", port)) {
            long t0 = System.nanoTime();
            var rsp = rq.raw(StorageCommitmentScu.SOP_INSTANCE, 1, info(UIDs.generate(), study.sopInstanceUids().get(0)));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Status.PROCESSING_FAILURE, rsp.status());
            assertTrue(rsp.errorComment().contains("Kafka"), rsp.errorComment());
            assertTrue(millis < 11_000, "answered after " + millis + " ms");
        }
    }

    private static DataSet info(String tx, String iuid) {
        DataSet ds = new DataSet();
        if (tx != null) {
            ds.setString(Tag.TransactionUID, VR.UI, tx);
        }
        Sequence seq = ds.newSequence(Tag.ReferencedSOPSequence, 1);
        DataSet item = seq.addItem();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, iuid);
        return ds;
    }

    private static String orZero(List<String> row, int i) {
        return row.size() > i ? row.get(i) : "0";
    }
}
