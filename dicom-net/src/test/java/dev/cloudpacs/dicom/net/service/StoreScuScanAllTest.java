package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StoreScu#scanAll}: every DICOM file becomes an item, in the order given, and every other file a problem. */
class StoreScuScanAllTest {
    @TempDir
    Path dir;

    @Test
    void itemsComeInTheOrderOfTheFilesAndEveryBadFileIsReported() throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> expectedUids = new ArrayList<>();
        List<Path> bad = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Path f = dir.resolve(String.format("f%04d.dcm", i));
            if (i % 50 == 7) {
                Files.writeString(f, "not DICOM " + i);
                bad.add(f);
            } else {
                String iuid = "1.2.3." + i;
                DataSet ds = new DataSet();
                ds.setString(Tag.SOPClassUID, VR.UI, i % 2 == 0 ? UID.CTImageStorage : UID.MRImageStorage);
                ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
                DicomWriter.writeFile(f, ds, i % 3 == 0 ? TransferSyntax.IMPLICIT_VR_LE : TransferSyntax.EXPLICIT_VR_LE,
                        WriteOptions.DEFAULT);
                expectedUids.add(iuid);
            }
            files.add(f);
        }
        List<String> problems = new ArrayList<>();
        List<StoreScu.Item> items = StoreScu.scanAll(files, problems);

        assertEquals(expectedUids, items.stream().map(StoreScu.Item::sopInstanceUid).toList());
        for (StoreScu.Item it : items) {
            int i = Integer.parseInt(it.sopInstanceUid().substring("1.2.3.".length()));
            assertEquals(dir.resolve(String.format("f%04d.dcm", i)), it.path());
            assertEquals(i % 2 == 0 ? UID.CTImageStorage : UID.MRImageStorage, it.sopClassUid());
            assertEquals((i % 3 == 0 ? TransferSyntax.IMPLICIT_VR_LE : TransferSyntax.EXPLICIT_VR_LE).uid(),
                    it.transferSyntaxUid());
        }
        assertEquals(bad.size(), problems.size(), problems.toString());
        for (int k = 0; k < bad.size(); k++) {
            assertTrue(problems.get(k).startsWith(bad.get(k) + ": "), problems.get(k));
        }
    }

    @Test
    void aFewFilesAndNoneAreFine() throws IOException {
        List<String> problems = new ArrayList<>();
        assertEquals(List.of(), StoreScu.scanAll(List.of(), problems));
        Path f = dir.resolve("one.dcm");
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
        DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        Path missing = dir.resolve("missing.dcm");
        List<StoreScu.Item> items = StoreScu.scanAll(List.of(f, missing), problems);
        assertEquals(1, items.size());
        assertEquals("1.2.3.4", items.get(0).sopInstanceUid());
        assertEquals(1, problems.size());
        assertEquals(missing + ": no such file", problems.get(0));
    }
}
