package dev.cloudpacs.ingest;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.assoc.DataWriter;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad data sets get their failure status and write nothing. */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class BadInputTest {
    private Association as;
    private PresentationContext pc;

    @BeforeEach
    void open() throws Exception {
        AssociationRequest rq = new AssociationRequest("BADSCU", "PACS");
        rq.addContext(UID.CTImageStorage, List.of(TransferSyntax.EXPLICIT_VR_LE.uid()));
        as = Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT, null, null);
        pc = as.contextFor(UID.CTImageStorage, null);
    }

    @AfterEach
    void close() throws Exception {
        as.release();
    }

    private Command store(String iuid, DataWriter data) throws Exception {
        Command rq = Commands.cStoreRq(as.nextMessageId(), UID.CTImageStorage, iuid, 0);
        return as.await(as.invoke(pc.id(), rq, data, null));
    }

    private static DataWriter dataSet(DataSet ds) {
        return out -> DicomWriter.writeDataSet(out, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
    }

    @Test
    void dataSetWithoutSopInstanceUid() throws Exception {
        long before = storedFiles();
        DataSet ds = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        String iuid = ds.getString(Tag.SOPInstanceUID);
        ds.remove(Tag.SOPInstanceUID);
        Command rsp = store(iuid, dataSet(ds));
        assertEquals(Status.CANNOT_UNDERSTAND, rsp.status());
        assertTrue(rsp.errorComment().contains("SOP Instance UID"), rsp.errorComment());
        assertEquals(before, storedFiles());
    }

    @Test
    void garbageDataSet() throws Exception {
        long before = storedFiles();
        Command rsp = store(UIDs.generate(), out -> out.write("garbage, not a data set at all..".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Status.CANNOT_UNDERSTAND, rsp.status());
        assertEquals(before, storedFiles());
    }

    @Test
    void uidWithPathCharacters() throws Exception {
        long before = storedFiles();
        // In the command...
        DataSet ds = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        Command rsp = store("../../etc/passwd", dataSet(ds));
        assertEquals(Status.CANNOT_UNDERSTAND, rsp.status());
        // ...and inside the data set.
        DataSet evil = TestObjects.ct("1.2.3/../../x", UIDs.generate(), UIDs.generate(), 1);
        Command rsp2 = store(evil.getString(Tag.SOPInstanceUID), dataSet(evil));
        assertEquals(Status.CANNOT_UNDERSTAND, rsp2.status());
        assertTrue(rsp2.errorComment().contains("Study Instance UID"), rsp2.errorComment());
        assertEquals(before, storedFiles());
        assertTrue(Files.notExists(InfraResource.storageRoot.getParent().resolve("x")));
    }

    @Test
    void dataSetForAnotherSopClass() throws Exception {
        DataSet ds = TestObjects.ct(UIDs.generate(), UIDs.generate(), UIDs.generate(), 1);
        ds.setString(Tag.SOPClassUID, dev.cloudpacs.dicom.core.VR.UI, UID.MRImageStorage);
        Command rsp = store(ds.getString(Tag.SOPInstanceUID), dataSet(ds));
        assertEquals(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, rsp.status());
    }

    /** Files under the storage root, temporary ones included: nothing may be left behind. */
    static long storedFiles() throws Exception {
        try (Stream<Path> s = Files.walk(InfraResource.storageRoot)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
