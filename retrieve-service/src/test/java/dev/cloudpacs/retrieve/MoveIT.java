package dev.cloudpacs.retrieve;

import dev.cloudpacs.testkit.TestStudy;
import dev.cloudpacs.testkit.TestScp;
import dev.cloudpacs.testkit.Peers;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.interop.Dcmtk;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C-MOVE through the front door: the job runs on the front door's call to retrieve-service, which sends
 * the instances to the destination, and goes over Kafka to another pod when that call breaks off; DCMTK
 * and our own tools as requesters and destinations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoveIT {
    private static ArchiveUnderTest archive;
    private static TestStudy study;
    private static Path work;

    @BeforeAll
    static void store() throws Exception {
        archive = ArchiveUnderTest.get();
        work = Files.createTempDirectory("move-it-");
        study = new TestStudy("RETRIEVE", "MOVE-1", 2, 5, 64, 64, work.resolve("sent")).storeTo(archive.dimsePort);
    }

    @Test
    @Order(1)
    void dcmtkMovescuToDcmtkStorescpDeliversIdenticalDataSets() throws Exception {
        Dcmtk.assumeAvailable();
        int port = ArchiveUnderTest.freePort();
        Path dir = work.resolve("dcmtk-dest");
        Process scp = Peers.storescp("DCMTKDEST", port, dir);
        try {
            archive.registerAe("DCMTKDEST", "127.0.0.1", port);
            Peers.Result r = Peers.run(120, List.of("movescu", "-S", "-aet", "MOVESCU", "-aec", "PACS",
                    "-aem", "DCMTKDEST", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study.studyUid,
                    "127.0.0.1", Integer.toString(archive.dimsePort)));
            assertEquals(0, r.exit(), r.output());
            Map<String, Path> got = Peers.received(dir);
            assertEquals(study.files.keySet(), got.keySet(), "instances received by storescp");
            for (var e : study.files.entrySet()) {
                assertArrayEquals(Peers.dataSetBytes(e.getValue()), Peers.dataSetBytes(got.get(e.getKey())),
                        "data set of " + e.getKey());
            }
        } finally {
            scp.destroy();
        }
    }

    @Test
    @Order(2)
    void ourMoveScuMovesOneSeries() throws Exception {
        Path dir = work.resolve("our-dest");
        try (TestScp dest = new TestScp(dir, 0, Set.of())) {
            archive.registerAe("OURDEST", "127.0.0.1", dest.port());
            double direct = archive.retrieveMetric("pacs_move_direct_jobs_total");
            String series = study.seriesUids.get(0);
            Peers.Result r = Peers.run(120, List.of(Peers.tool("move_scu").toString(), "-aet", "MOVER", "-aec", "PACS",
                    "-aem", "OURDEST", "-S", "-L", "SERIES", "-k", "StudyInstanceUID=" + study.studyUid,
                    "-k", "SeriesInstanceUID=" + series, "127.0.0.1", Integer.toString(archive.dimsePort)));
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("completed 5, failed 0, warning 0"), r.output());
            assertEquals(direct + 1, archive.retrieveMetric("pacs_move_direct_jobs_total"),
                    "the job ran on the front door's call, not through the queue");
            Map<String, Path> got = Peers.received(dir);
            assertEquals(5, got.size());
            for (var e : got.entrySet()) {
                assertArrayEquals(Peers.canonical(study.files.get(e.getKey())), Peers.canonical(e.getValue()),
                        "data set of " + e.getKey());
            }
        }
    }

    @Test
    @Order(3)
    void unknownDestinationIsA801AtOnce() throws Exception {
        Command rsp = move("NOBODY", study.studyUid, p -> { }).get(30, TimeUnit.SECONDS);
        assertEquals(Status.MOVE_DESTINATION_UNKNOWN, rsp.status());
        assertTrue(rsp.errorComment().contains("NOBODY"), rsp.errorComment());
    }

    @Test
    @Order(4)
    void refusedObjectsDoNotStopTheRestAndAreReportedB000() throws Exception {
        List<String> uids = study.sopInstanceUids();
        Set<String> refused = Set.of(uids.get(1), uids.get(6));
        try (TestScp dest = new TestScp(work.resolve("picky"), 0, refused)) {
            archive.registerAe("PICKY", "127.0.0.1", dest.port());
            Command rsp = move("PICKY", study.studyUid, p -> { }).get(60, TimeUnit.SECONDS);
            assertEquals(Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES, rsp.status());
            assertEquals(8, rsp.numberOfCompletedSubOperations());
            assertEquals(2, rsp.numberOfFailedSubOperations());
            assertEquals(8, dest.received.get());
        }
    }

    @Test
    @Order(5)
    void cCancelStopsTheMoveWithFE00() throws Exception {
        TestStudy big = new TestStudy("RETRIEVE", "MOVE-2", 1, 60, 32, 32, work.resolve("sent-cancel")).storeTo(archive.dimsePort);
        try (TestScp dest = new TestScp(work.resolve("slow"), 50, Set.of())) {
            archive.registerAe("SLOW", "127.0.0.1", dest.port());
            QueryRetrieveScu.Operation[] op = new QueryRetrieveScu.Operation[1];
            boolean[] cancelled = {false};
            CompletableFuture<Command> done = move("SLOW", big.studyUid, pending -> {
                if (!cancelled[0] && pending.numberOfCompletedSubOperations() >= 3) {
                    cancelled[0] = true;
                    try {
                        op[0].cancel();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }, op);
            Command rsp = done.get(60, TimeUnit.SECONDS);
            assertEquals(Status.CANCEL, rsp.status());
            assertTrue(rsp.numberOfCompletedSubOperations() < 60, "stopped early: " + rsp);
            assertTrue(rsp.numberOfRemainingSubOperations() > 0, "remaining reported after cancel: " + rsp);
        }
    }

    @Test
    @Order(6)
    void aKilledRetrieveServiceLosesNoJob() throws Exception {
        TestStudy big = new TestStudy("RETRIEVE", "MOVE-3", 1, 120, 32, 32, work.resolve("sent-kill")).storeTo(archive.dimsePort);
        Path dir = work.resolve("survivor");
        try (TestScp dest = new TestScp(dir, 30, Set.of())) {
            archive.registerAe("SURVIVOR", "127.0.0.1", dest.port());
            CompletableFuture<Command> done = move("SURVIVOR", big.studyUid, p -> { });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (dest.received.get() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(dest.received.get() >= 10, "the move started");
            archive.killRetrieveService();
            assertTrue(dest.received.get() < 120, "killed mid-move");
            archive.restartRetrieveService();
            Command rsp = done.get(120, TimeUnit.SECONDS);
            assertEquals(Status.SUCCESS, rsp.status(), rsp.toString());
            assertEquals(120, rsp.numberOfCompletedSubOperations());
            assertEquals(new HashSet<>(big.sopInstanceUids()), Peers.received(dir).keySet());
            assertTrue(Files.readString(ArchiveUnderTest.FRONT_DOOR_LOG).contains("handed to the job queue"),
                    "the front door handed the broken-off job to the queue");
        }
    }

    private CompletableFuture<Command> move(String destination, String studyUid, Consumer<Command> onPending)
            throws Exception {
        return move(destination, studyUid, onPending, new QueryRetrieveScu.Operation[1]);
    }

    /** Our C-MOVE SCU on its own association; the future completes with the final response. */
    private CompletableFuture<Command> move(String destination, String studyUid, Consumer<Command> onPending,
                                            QueryRetrieveScu.Operation[] op) throws Exception {
        AssociationRequest rq = new AssociationRequest("MOVETEST", ArchiveUnderTest.AE_TITLE);
        rq.addContext(QueryRetrieveScu.STUDY_ROOT_MOVE, List.of("1.2.840.10008.1.2.1"));
        Association as = Connector.connect("127.0.0.1", archive.dimsePort, rq,
                AssociationOptions.DEFAULT.withDimseTimeout(0), null, null);
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        op[0] = QueryRetrieveScu.move(as, QueryRetrieveScu.STUDY_ROOT_MOVE, destination, keys, r -> {
            if (Status.isPending(r.status())) {
                onPending.accept(r);
            }
        });
        return op[0].done().whenCompleteAsync((r, e) -> {
            try {
                as.release();
            } catch (java.io.IOException ignored) {
                as.abort("test done");
            }
        });
    }
}
