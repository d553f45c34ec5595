package dev.cloudpacs.retrieve;

import dev.cloudpacs.testkit.TestStudy;
import dev.cloudpacs.testkit.Peers;
import dev.cloudpacs.testkit.ServiceProcess;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.interop.Dcmtk;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import dev.cloudpacs.dicom.net.service.StorageScp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C-GET through the front door: retrieve-service streams the instances, the front door sends them back
 * as C-STORE sub-operations on the requester's own association.
 */
class GetIT {
    private static ArchiveUnderTest archive;
    private static TestStudy study;
    private static Path work;

    @BeforeAll
    static void store() throws Exception {
        archive = ArchiveUnderTest.get();
        work = Files.createTempDirectory("get-it-");
        study = new TestStudy("RETRIEVE", "GET-1", 2, 4, 64, 64, work.resolve("sent")).storeTo(archive.dimsePort);
    }

    @Test
    void dcmtkGetscuReceivesEveryInstance() throws Exception {
        Dcmtk.assumeAvailable();
        Path dir = work.resolve("dcmtk");
        Files.createDirectories(dir);
        Peers.Result r = Peers.run(120, List.of("getscu", "-S", "-aet", "GETSCU", "-aec", "PACS", "-od", dir.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study.studyUid,
                "127.0.0.1", Integer.toString(archive.dimsePort)));
        assertEquals(0, r.exit(), r.output());
        assertReceivedAll(study.files, Peers.received(dir));
    }

    @Test
    void ourGetScuReceivesTheStudy() throws Exception {
        Path dir = work.resolve("ours");
        Peers.Result r = Peers.run(120, List.of(Peers.tool("get_scu").toString(), "-aet", "GETTER", "-aec", "PACS",
                "-od", dir.toString(), "-S", "-k", "StudyInstanceUID=" + study.studyUid,
                "127.0.0.1", Integer.toString(archive.dimsePort)));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("completed 8, failed 0, warning 0"), r.output());
        assertReceivedAll(study.files, Peers.received(dir));
    }

    @Test
    void imageLevelGetSendsOneInstance() throws Exception {
        String iuid = study.sopInstanceUids().get(3);
        DataSet keys = keys("IMAGE");
        keys.setString(Tag.SeriesInstanceUID, VR.UI, study.seriesUids.get(0));
        keys.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        Path dir = work.resolve("one");
        Command rsp = get(keys, dir);
        assertEquals(Status.SUCCESS, rsp.status());
        assertEquals(1, rsp.numberOfCompletedSubOperations());
        assertEquals(Map.of(iuid, dir.resolve(iuid + ".dcm")), Peers.received(dir));
    }

    @Test
    void unknownStudyCompletesWithNothing() throws Exception {
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4.5.6.7.8.9");
        Command rsp = get(keys, work.resolve("none"));
        assertEquals(Status.SUCCESS, rsp.status());
        assertEquals(0, rsp.numberOfCompletedSubOperations());
        assertEquals(0, rsp.numberOfFailedSubOperations());
    }

    @Test
    void seriesLevelWithoutItsStudyIsA900() throws Exception {
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "SERIES");
        keys.setString(Tag.SeriesInstanceUID, VR.UI, study.seriesUids.get(0));
        Command rsp = get(keys, work.resolve("bad"));
        assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, rsp.status());
        assertTrue(rsp.errorComment().contains("StudyInstanceUID"), rsp.errorComment());
    }

    @Test
    void cCancelStopsTheGetWithFE00() throws Exception {
        TestStudy big = new TestStudy("RETRIEVE", "GET-2", 1, 40, 32, 32, work.resolve("sent-cancel")).storeTo(archive.dimsePort);
        Path dir = work.resolve("cancel");
        Files.createDirectories(dir);
        AssociationRequest rq = new AssociationRequest("GETTEST", ArchiveUnderTest.AE_TITLE);
        rq.addContext(QueryRetrieveScu.STUDY_ROOT_GET, List.of("1.2.840.10008.1.2.1"));
        rq.addContext(UID.CTImageStorage, List.of("1.2.840.10008.1.2.1"));
        rq.addRole(UID.CTImageStorage, false, true);
        // A slow requester: 50 ms per object leaves time to cancel mid-way.
        HandlerRegistry handlers = new StorageScp(dir, f -> ServiceProcess.sleep(50)).fsync(false)
                .register(new HandlerRegistry());
        Association as = Connector.connect("127.0.0.1", archive.dimsePort, rq, AssociationOptions.DEFAULT, null, handlers);
        try {
            QueryRetrieveScu.Operation[] op = new QueryRetrieveScu.Operation[1];
            boolean[] cancelled = {false};
            DataSet keys = new DataSet();
            keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
            keys.setString(Tag.StudyInstanceUID, VR.UI, big.studyUid);
            op[0] = QueryRetrieveScu.get(as, QueryRetrieveScu.STUDY_ROOT_GET, keys, r -> {
                if (Status.isPending(r.status()) && !cancelled[0]) {
                    cancelled[0] = true;
                    try {
                        op[0].cancel();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            Command rsp = op[0].await();
            assertEquals(Status.CANCEL, rsp.status(), rsp.toString());
            assertTrue(rsp.numberOfCompletedSubOperations() < 40, "stopped early: " + rsp);
            assertEquals(40, rsp.numberOfCompletedSubOperations() + rsp.numberOfRemainingSubOperations(),
                    "completed + remaining: " + rsp);
        } finally {
            as.release();
        }
    }

    private static DataSet keys(String level) {
        DataSet keys = new DataSet();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        keys.setString(Tag.StudyInstanceUID, VR.UI, study.studyUid);
        return keys;
    }

    /** Our C-GET SCU, offering to take CT images in either uncompressed syntax. */
    private static Command get(DataSet keys, Path dir) throws Exception {
        Files.createDirectories(dir);
        AssociationRequest rq = new AssociationRequest("GETTEST", ArchiveUnderTest.AE_TITLE);
        rq.addContext(QueryRetrieveScu.STUDY_ROOT_GET, List.of("1.2.840.10008.1.2.1"));
        rq.addContext(UID.CTImageStorage, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
        rq.addRole(UID.CTImageStorage, false, true);
        HandlerRegistry handlers = new StorageScp(dir, null).fsync(false).register(new HandlerRegistry());
        Association as = Connector.connect("127.0.0.1", archive.dimsePort, rq, AssociationOptions.DEFAULT, null, handlers);
        try {
            return QueryRetrieveScu.get(as, QueryRetrieveScu.STUDY_ROOT_GET, keys, r -> { }).await();
        } finally {
            as.release();
        }
    }

    private static void assertReceivedAll(Map<String, Path> sent, Map<String, Path> got) throws Exception {
        assertEquals(sent.keySet(), got.keySet(), "instances received");
        for (var e : sent.entrySet()) {
            assertArrayEquals(Peers.canonical(e.getValue()), Peers.canonical(got.get(e.getKey())),
                    "data set of " + e.getKey());
        }
    }
}
