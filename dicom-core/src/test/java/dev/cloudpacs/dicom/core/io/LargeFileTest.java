package dev.cloudpacs.dicom.core.io;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A multi-gigabyte object parses with its pixel data left in the file. */
class LargeFileTest {
    @TempDir
    Path tmp;

    @Test
    void twoGigabyteMultiFrameParsesWithBoundedMemory() throws Exception {
        long pixelLength = 2L * 1024 * 1024 * 1024 + 2 * 512 * 512; // just over 2 GiB: 4097 frames of 512x512x16
        DataSet ds = Samples.ct(512, 512);
        ds.remove(Tag.PixelData);
        ds.setInt(Tag.NumberOfFrames, VR.IS, (int) (pixelLength / (512 * 512 * 2)));
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DicomWriter.writePart10(header, DicomWriter.createFileMeta(ds.getString(Tag.SOPClassUID),
                ds.getString(Tag.SOPInstanceUID), TransferSyntax.EXPLICIT_VR_LE.uid()), ds,
                TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        // Pixel Data header: OW with a 32-bit length, then a sparse file for the value itself.
        header.write(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0, 0});
        header.write(new byte[] {(byte) pixelLength, (byte) (pixelLength >> 8), (byte) (pixelLength >> 16),
                (byte) (pixelLength >> 24)});
        Path big = tmp.resolve("big.dcm");
        Files.write(big, header.toByteArray());
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(header.size() + pixelLength);
        }
        Runtime rt = Runtime.getRuntime();
        rt.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        DicomFile df = DicomReader.read(big);
        long after = rt.totalMemory() - rt.freeMemory();
        BulkData pixels = df.dataSet().getBulkData(Tag.PixelData);
        assertEquals(pixelLength, pixels.length());
        assertEquals(header.size(), pixels.offset());
        assertEquals(4097, df.dataSet().getInt(Tag.NumberOfFrames, 0));
        assertTrue(after - before < 64L << 20, "parsing used " + (after - before) + " bytes of heap");
    }
}
