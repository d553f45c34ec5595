package dev.cloudpacs.ingest;

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
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.localinfra.LocalInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Faults with the real components: Kafka stopped (ingest goes on, events follow when it returns), the
 * database stopped (a failure status, nothing left in storage), an association dying mid-transfer
 * (no partial object; the resend succeeds).
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class FaultToleranceTest {
    Path tmp;

    @org.junit.jupiter.api.BeforeEach
    void tempDir() throws java.io.IOException {
        // @TempDir is not injected into @QuarkusTest instances; a plain temp directory does the job.
        tmp = java.nio.file.Files.createTempDirectory("ingest-test-");
    }

    private static List<Integer> storeAll(List<Path> files) throws Exception {
        List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
        Association as = CStoreIngestTest.connect("PACS", items);
        List<Integer> statuses = new ArrayList<>();
        for (StoreScu.Item it : items) {
            statuses.add(StoreScu.send(as, it, 0, null, 0).status());
        }
        as.release();
        return statuses;
    }

    @Test
    void kafkaDownDoesNotStopIngestAndEventsFollowLater() throws Exception {
        LocalInfra infra = LocalInfra.shared();
        String study = UIDs.generate();
        List<Path> files = TestObjects.study(tmp, study, 3);
        infra.stopKafka();
        try {
            assertEquals(List.of(0, 0, 0), storeAll(files));
        } finally {
            infra.startKafka();
        }
        CStoreIngestTest.assertStored(study, files, "TESTSCU");
    }

    @Test
    void databaseDownAnswersFailureAndLeavesNothing() throws Exception {
        LocalInfra infra = LocalInfra.shared();
        List<Path> files = TestObjects.study(tmp, UIDs.generate(), 1);
        long before = BadInputTest.storedFiles();
        infra.stopPostgres();
        try {
            int status = storeAll(files).get(0);
            assertNotEquals(Status.SUCCESS, status);
            assertEquals(Status.OUT_OF_RESOURCES, status & 0xFF00);
            assertEquals(before, BadInputTest.storedFiles());
        } finally {
            infra.startPostgres();
        }
        assertEquals(List.of(0), storeAll(files), "the same object stores once the database is back");
    }

    @Test
    void associationDyingMidTransferLeavesNoPartialObject() throws Exception {
        DataSet ds = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        ds.setBytes(Tag.PixelData, VR.OW, new byte[8 << 20]);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(encoded, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        byte[] bytes = encoded.toByteArray();
        long before = BadInputTest.storedFiles();

        AssociationRequest rq = new AssociationRequest("DYING", "PACS");
        rq.addContext(UID.CTImageStorage, List.of(TransferSyntax.EXPLICIT_VR_LE.uid()));
        Association as = Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT, null, null);
        PresentationContext pc = as.contextFor(UID.CTImageStorage, null);
        Command store = Commands.cStoreRq(as.nextMessageId(), UID.CTImageStorage, ds.getString(Tag.SOPInstanceUID), 0);
        assertThrows(IOException.class, () -> as.invoke(pc.id(), store, out -> {
            out.write(bytes, 0, bytes.length / 2);
            as.abort("simulated crash mid-transfer");
            out.write(bytes, bytes.length / 2, bytes.length / 2);
        }, null));
        as.awaitClosed(5_000);
        // The server notices the abort and discards the partial object.
        long deadline = System.currentTimeMillis() + 10_000;
        while (BadInputTest.storedFiles() != before && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(before, BadInputTest.storedFiles());
        assertNull(IndexRows.instance(ds.getString(Tag.SOPInstanceUID)));

        Path f = tmp.resolve("whole.dcm");
        DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        assertEquals(List.of(0), storeAll(List.of(f)));
    }
}
