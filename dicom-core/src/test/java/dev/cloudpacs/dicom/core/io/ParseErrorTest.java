package dev.cloudpacs.dicom.core.io;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Corrupt input fails with one message naming the problem, the offset and the element. */
class ParseErrorTest {
    @TempDir
    Path tmp;

    @Test
    void truncatedPixelDataNamesOffsetAndTag() throws Exception {
        Path f = tmp.resolve("ct.dcm");
        DicomWriter.writeFile(f, Samples.ct(64, 64), TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        byte[] all = Files.readAllBytes(f);
        Path cut = tmp.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(all, all.length - 100));
        DicomParseException e = assertThrows(DicomParseException.class, () -> DicomReader.read(cut));
        assertEquals("unexpected end of file at offset " + (all.length - 100) + " while reading value of (7FE0,0010)",
                e.getMessage());
        // Same from a stream, where the length is not known in advance.
        DicomParseException e2 = assertThrows(DicomParseException.class,
                () -> DicomReader.read(Files.newInputStream(cut)));
        assertTrue(e2.getMessage().contains("(7FE0,0010)"), e2.getMessage());
    }

    @Test
    void textFileIsNotDicom() throws Exception {
        Path f = tmp.resolve("readme.txt");
        Files.writeString(f, "this is not a DICOM file at all, just some text that is long enough. ".repeat(4));
        DicomParseException e = assertThrows(DicomParseException.class, () -> DicomReader.read(f));
        assertTrue(e.getMessage().startsWith("not a DICOM Part 10 file (no DICM prefix at offset 128)"), e.getMessage());
    }

    @Test
    void emptyFileIsNotDicom() throws Exception {
        Path f = tmp.resolve("empty.dcm");
        Files.write(f, new byte[0]);
        assertThrows(DicomParseException.class, () -> DicomReader.read(f));
    }

    @Test
    void hugeDeclaredLengthFailsWithoutAllocating() throws Exception {
        // (0010,0010) LT with a 0xFFFFFFF0 length in explicit VR: a 4 GB allocation if trusted.
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        bos.write(new byte[] {0x08, 0x00, 0x16, 0x00, 'U', 'I', 2, 0, '1', 0});
        bos.write(new byte[] {0x10, 0x00, 0x10, 0x00, 'U', 'T', 0, 0, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        bos.write("abc".getBytes(StandardCharsets.US_ASCII));
        Path f = tmp.resolve("huge.dcm");
        Files.write(f, bos.toByteArray());
        DicomParseException e = assertThrows(DicomParseException.class, () -> DicomReader.read(f));
        assertTrue(e.getMessage().contains("(0010,0010)"), e.getMessage());
    }

    @Test
    void deepNestingIsRefused() throws Exception {
        DataSet ds = new DataSet();
        DataSet cur = ds;
        for (int i = 0; i < 100; i++) {
            Sequence s = cur.newSequence(Tag.ReferencedSeriesSequence, 1);
            cur = s.addItem();
        }
        cur.setString(Tag.PatientID, VR.LO, "deep");
        Path f = tmp.resolve("deep.dcm");
        DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        DicomParseException e = assertThrows(DicomParseException.class, () -> DicomReader.read(f));
        assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
    }

    @Test
    void explicitDataSetInImplicitFileIsDetected() throws Exception {
        DataSet ds = Samples.ct(4, 4);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataSet meta = DicomWriter.createFileMeta(ds.getString(Tag.SOPClassUID), ds.getString(Tag.SOPInstanceUID),
                TransferSyntax.IMPLICIT_VR_LE.uid());
        // Write the meta header claiming implicit VR, then append an explicit VR data set.
        DicomWriter.writePart10(bos, meta, new DataSet(), TransferSyntax.IMPLICIT_VR_LE, WriteOptions.DEFAULT);
        DicomWriter.writeDataSet(bos, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        Path f = tmp.resolve("mixed.dcm");
        Files.write(f, bos.toByteArray());
        DicomFile df = DicomReader.read(f);
        assertEquals(TransferSyntax.EXPLICIT_VR_LE, df.transferSyntax());
        assertTrue(df.warnings().get(0).contains("explicit VR although the meta header declares"), df.warnings().toString());
        assertEquals("PID-0001", df.dataSet().getString(Tag.PatientID));
    }

    @Test
    void bareDataSetsAreRecognised() throws Exception {
        for (TransferSyntax ts : new TransferSyntax[] {TransferSyntax.IMPLICIT_VR_LE, TransferSyntax.EXPLICIT_VR_LE,
                TransferSyntax.EXPLICIT_VR_BE}) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DicomWriter.writeDataSet(bos, Samples.ct(4, 4), ts, WriteOptions.DEFAULT);
            Path f = tmp.resolve("bare.dcm");
            Files.write(f, bos.toByteArray());
            DicomFile df = DicomReader.read(f);
            assertEquals(ts, df.transferSyntax(), ts.name());
            assertEquals("Müller^Jürgen", df.dataSet().getString(Tag.PatientName));
        }
    }
}
