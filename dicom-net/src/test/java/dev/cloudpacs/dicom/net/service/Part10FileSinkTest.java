package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link Part10FileSink}: a received object appears whole under its name, or not at all. */
class Part10FileSinkTest {
    @TempDir
    Path dir;

    private static final String IUID = "1.2.826.0.1.3680043.2.1125.7";

    private static byte[] dataSet() throws IOException {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, IUID);
        ds.setString(Tag.PatientName, VR.PN, "Sink^Test");
        ds.setValue(Tag.PixelData, VR.OW, new byte[300_000]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(out, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        return out.toByteArray();
    }

    private List<Path> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void writesMetaAndTheDataSetBytesIntoADirectoryItCreatesWhenMissing() throws IOException {
        Path target = dir.resolve("a/b/" + IUID + ".dcm");
        byte[] data = dataSet();
        Part10FileSink sink = new Part10FileSink(target, UID.CTImageStorage, IUID, TransferSyntax.EXPLICIT_VR_LE.uid(),
                "MODALITY", false);
        for (int off = 0; off < data.length; off += 16_000) {  // as PDVs arrive
            sink.write(data, off, Math.min(16_000, data.length - off));
        }
        assertFalse(Files.exists(target), "nothing under the final name before the end");
        sink.end();

        assertEquals(List.of(target), files(target.getParent()), "no temporary file left");
        DicomFile f = DicomReader.read(target);
        assertEquals(IUID, f.sopInstanceUid());
        assertEquals("MODALITY", f.fileMeta().getString(Tag.SourceApplicationEntityTitle));
        byte[] onDisk = Files.readAllBytes(target);
        assertArrayEquals(data, Arrays.copyOfRange(onDisk, (int) f.dataSetOffset(), onDisk.length));
        assertEquals(data.length, sink.bytes());
    }

    @Test
    void anAbortedObjectLeavesNothing() throws IOException {
        Path target = dir.resolve(IUID + ".dcm");
        Part10FileSink sink = new Part10FileSink(target, UID.CTImageStorage, IUID, TransferSyntax.EXPLICIT_VR_LE.uid(),
                null, false);
        sink.write(new byte[1000], 0, 1000);
        sink.abort(new IOException("association aborted"));
        assertEquals(List.of(), files(dir));
    }

    @Test
    void twoWritersAtTheSameObjectDoNotShareATemporaryFile() throws IOException {
        Path target = dir.resolve(IUID + ".dcm");
        byte[] data = dataSet();
        Part10FileSink first = new Part10FileSink(target, UID.CTImageStorage, IUID, TransferSyntax.EXPLICIT_VR_LE.uid(),
                "FIRST", false);
        Part10FileSink second = new Part10FileSink(target, UID.CTImageStorage, IUID, TransferSyntax.EXPLICIT_VR_LE.uid(),
                "SECOND", false);
        first.write(data, 0, data.length);
        second.write(data, 0, data.length);
        assertEquals(2, files(dir).size());
        first.end();
        second.end();
        assertEquals(List.of(target), files(dir));
        assertEquals("SECOND", DicomReader.read(target).fileMeta().getString(Tag.SourceApplicationEntityTitle),
                "the later end replaces the earlier file whole");
    }
}
