package dev.cloudpacs.dicom.tools.interop;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.assoc.DefaultAcceptorPolicy;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.pdu.UserInformation;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.dicom.tools.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our {@code commit_scu} against a small Storage Commitment SCP written here with our toolkit (DCMTK
 * has none): the N-EVENT-REPORT comes on the same association, or on a new association to
 * commit_scu's {@code --listen} port with the SCP role proposed for the requestor; committed and
 * failed references both.
 */
@Timeout(60)
class StorageCommitmentInteropTest {
    static final String UNKNOWN_UID = "1.2.826.0.1.3680043.10.1234.999";
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    @TempDir
    static Path tmp;
    static Path filesDir;
    static Set<String> stored = new HashSet<>();
    static CommitmentScp scp;
    static DicomServer server;

    @BeforeAll
    static void start() throws Exception {
        filesDir = tmp.resolve("files");
        for (Path f : InteropFiles.ct(filesDir, 3, 3)) {
            stored.add(StoreScu.scan(f).sopInstanceUid());
        }
        scp = new CommitmentScp(stored);
        HandlerRegistry handlers = new HandlerRegistry()
                .register(Set.of(StorageCommitmentScu.SOP_CLASS), CommandField.N_ACTION_RQ, scp);
        server = DicomServer.start(InetAddress.getLoopbackAddress(), 0, null, AssociationOptions.DEFAULT, handlers,
                new DefaultAcceptorPolicy(handlers, AssociationOptions.DEFAULT).aeTitles(Set.of("COMMITSCP")), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.shutdown(1000);
        }
    }

    @BeforeEach
    void reset() {
        scp.callbackPort = 0;
        scp.reportStatus = new CompletableFuture<>();
    }

    /** Runs commit_scu with {@code options} for the CT files and {@code extraRefs} (CUID:IUID). */
    private static ToolRunner commitScu(List<String> options, String... extraRefs) {
        List<String> a = new ArrayList<>(List.of("commit_scu", "-aet", "COMMITSCU", "-aec", "COMMITSCP", "--wait", "20"));
        a.addAll(options);
        a.addAll(List.of(DcmtkNet.HOST, Integer.toString(server.port()), filesDir.toString()));
        a.addAll(List.of(extraRefs));
        return ToolRunner.run(a.toArray(String[]::new));
    }

    private static void assertCommitted(ToolRunner r) {
        for (String uid : stored) {
            assertTrue(r.out().contains("  committed " + uid), r.out());
        }
    }

    @Test
    void reportOnTheSameAssociationAllCommitted() throws Exception {
        ToolRunner r = commitScu(List.of());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("N-EVENT-REPORT (same association): event type 1, 3 committed, 0 failed"), r.out());
        assertCommitted(r);
        assertEquals(Status.SUCCESS, scp.reportStatus.get(5, TimeUnit.SECONDS));
    }

    @Test
    void reportOnTheSameAssociationWithAFailure() throws Exception {
        ToolRunner r = commitScu(List.of(), CT + ":" + UNKNOWN_UID);
        assertEquals(9, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("N-EVENT-REPORT (same association): event type 2, 3 committed, 1 failed"), r.out());
        assertCommitted(r);
        assertTrue(r.out().contains("  failed    " + UNKNOWN_UID + ": 0112 "), r.out());
        assertEquals(Status.SUCCESS, scp.reportStatus.get(5, TimeUnit.SECONDS));
    }

    @Test
    void reportOnANewAssociationAllCommitted() throws Exception {
        int listen = DcmtkNet.freePort();
        scp.callbackPort = listen;
        ToolRunner r = commitScu(List.of("--listen", Integer.toString(listen)));
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("listening for the N-EVENT-REPORT on port " + listen + " as COMMITSCU"), r.out());
        assertTrue(r.out().contains("N-EVENT-REPORT (new association): event type 1, 3 committed, 0 failed"), r.out());
        assertCommitted(r);
        assertEquals(Status.SUCCESS, scp.reportStatus.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(new UserInformation.RoleSelection(StorageCommitmentScu.SOP_CLASS, false, true)),
                scp.acceptedRoles, "the listener accepts the SCP role the requestor proposed");
    }

    @Test
    void reportOnANewAssociationWithAFailure() throws Exception {
        int listen = DcmtkNet.freePort();
        scp.callbackPort = listen;
        ToolRunner r = commitScu(List.of("--listen", Integer.toString(listen)), CT + ":" + UNKNOWN_UID);
        assertEquals(9, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("N-EVENT-REPORT (new association): event type 2, 3 committed, 1 failed"), r.out());
        assertTrue(r.out().contains("  failed    " + UNKNOWN_UID + ": 0112 "), r.out());
        assertEquals(Status.SUCCESS, scp.reportStatus.get(5, TimeUnit.SECONDS));
    }

    /**
     * Commits the instances it knows, fails the others with 0112 (no such object instance), and sends the
     * N-EVENT-REPORT from its own thread once the N-ACTION is answered: on the same association, or
     * (when {@link #callbackPort} is set) after that one closed, on a new one it opens as the SCP.
     */
    static final class CommitmentScp implements DimseHandler {
        private final Set<String> known;
        volatile int callbackPort;
        volatile CompletableFuture<Integer> reportStatus = new CompletableFuture<>();
        volatile List<UserInformation.RoleSelection> acceptedRoles = List.of();

        CommitmentScp(Set<String> known) {
            this.known = known;
        }

        @Override
        public void handle(DimseRequest request) throws Exception {
            DataSet action = request.dataSet();
            if (request.command().actionTypeId() != 1 || action == null) {
                throw new DimseFailure(Status.NO_SUCH_ACTION_TYPE, "expected action type 1 with a data set");
            }
            DataSet report = new DataSet();
            report.setString(Tag.TransactionUID, VR.UI, action.getString(Tag.TransactionUID));
            List<DataSet> ok = new ArrayList<>();
            List<DataSet> failed = new ArrayList<>();
            for (DataSet item : action.getSequence(Tag.ReferencedSOPSequence)) {
                (known.contains(item.getString(Tag.ReferencedSOPInstanceUID)) ? ok : failed).add(item);
            }
            copy(report.newSequence(Tag.ReferencedSOPSequence, ok.size()), ok, -1);
            if (!failed.isEmpty()) {
                copy(report.newSequence(Tag.FailedSOPSequence, failed.size()), failed, Status.NO_SUCH_OBJECT_INSTANCE);
            }
            int eventType = failed.isEmpty() ? 1 : 2;
            request.respond(Status.SUCCESS);
            Association origin = request.association();
            int port = callbackPort;
            CompletableFuture<Integer> done = reportStatus;
            Thread.ofVirtual().start(() -> {
                try {
                    done.complete(port == 0 ? report(origin, report, eventType) : reportOnNewAssociation(origin, port,
                            report, eventType));
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });
        }

        private static void copy(Sequence seq, List<DataSet> items, int failureReason) {
            for (DataSet from : items) {
                DataSet to = seq.addItem();
                to.setString(Tag.ReferencedSOPClassUID, VR.UI, from.getString(Tag.ReferencedSOPClassUID));
                to.setString(Tag.ReferencedSOPInstanceUID, VR.UI, from.getString(Tag.ReferencedSOPInstanceUID));
                if (failureReason >= 0) {
                    to.setInt(Tag.FailureReason, VR.US, failureReason);
                }
            }
        }

        private int reportOnNewAssociation(Association origin, int port, DataSet report, int eventType) throws Exception {
            origin.awaitClosed(10_000); // as archives usually do: report after the requestor released
            AssociationRequest rq = new AssociationRequest("COMMITSCP", origin.callingAeTitle());
            rq.addContext(StorageCommitmentScu.SOP_CLASS, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
            rq.addRole(StorageCommitmentScu.SOP_CLASS, false, true);
            Association as = Connector.connect(DcmtkNet.HOST, port, rq, AssociationOptions.DEFAULT, null, null);
            try {
                acceptedRoles = as.associateAccept().userInformation().roleSelections();
                return report(as, report, eventType);
            } finally {
                as.release();
            }
        }

        private static int report(Association as, DataSet report, int eventType) throws Exception {
            PresentationContext pc = as.contextFor(StorageCommitmentScu.SOP_CLASS, null);
            Command rq = Commands.nEventReportRq(as.nextMessageId(), StorageCommitmentScu.SOP_CLASS,
                    StorageCommitmentScu.SOP_INSTANCE, eventType);
            Command rsp = as.await(as.invoke(pc.id(), rq,
                    out -> DicomWriter.writeDataSet(out, report, pc.transferSyntax(), WriteOptions.DEFAULT), null));
            return rsp.status();
        }
    }
}
