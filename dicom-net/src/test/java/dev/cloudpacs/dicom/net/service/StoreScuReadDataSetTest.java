package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StoreScu#readDataSet}: what store_scu reads ahead is exactly the file's data set. */
class StoreScuReadDataSetTest {
    @TempDir
    Path dir;

    private DataSet ct(String name) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UIDs.generate());
        ds.setString(Tag.PatientName, VR.PN, name);
        ds.setString(Tag.Modality, VR.CS, "CT");
        return ds;
    }

    private static byte[] encoded(DataSet ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(out, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        return out.toByteArray();
    }

    @Test
    void readsTheBytesAfterTheMetaInformationIntoTheBufferItIsGiven() throws IOException {
        DataSet ds = ct("Read^Ahead");
        Path f = dir.resolve("a.dcm");
        DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        StoreScu.Item item = StoreScu.scan(f);
        byte[] expected = encoded(ds);

        byte[] reuse = new byte[expected.length + 100];
        StoreScu.DataSetBytes read = StoreScu.readDataSet(item, reuse, 1 << 20);
        assertSame(reuse, read.data(), "a buffer that is large enough is reused");
        assertArrayEquals(expected, Arrays.copyOf(read.data(), read.length()));

        StoreScu.DataSetBytes grown = StoreScu.readDataSet(item, new byte[4], 1 << 20);
        assertArrayEquals(expected, Arrays.copyOf(grown.data(), grown.length()));
        assertTrue(grown.data().length >= expected.length);
    }

    @Test
    void aDataSetOverTheLimitIsLeftToStreamFromItsFile() throws IOException {
        Path f = dir.resolve("b.dcm");
        DicomWriter.writeFile(f, ct("Too^Large"), TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        assertNull(StoreScu.readDataSet(StoreScu.scan(f), null, 16));
    }

    @Test
    void aFileThatShrankOrWentSinceItWasScannedIsAnError() throws IOException {
        Path f = dir.resolve("c.dcm");
        DicomWriter.writeFile(f, ct("Gone^Short"), TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        StoreScu.Item item = StoreScu.scan(f);
        Files.write(f, Arrays.copyOf(Files.readAllBytes(f), (int) item.dataSetOffset() - 2));
        assertThrows(IOException.class, () -> StoreScu.readDataSet(item, null, 1 << 20));
        Files.delete(f);
        assertThrows(IOException.class, () -> StoreScu.readDataSet(item, null, 1 << 20));
    }
}
