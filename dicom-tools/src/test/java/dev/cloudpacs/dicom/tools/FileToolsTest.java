package dev.cloudpacs.dicom.tools;

import com.fasterxml.jackson.core.JsonFactory;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.DataSetComparator;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.json.DicomJsonReader;
import dev.cloudpacs.dicom.tools.bench.CtGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dcm_dump, dcm_info and dcm_conv as a user runs them: output, exit status and one-line errors. */
class FileToolsTest {
    @TempDir
    Path tmp;
    Path dir;
    Path ct;

    @BeforeEach
    void files() throws Exception {
        dir = tmp.resolve("ct");
        CtGenerator.generate(dir, 3, 32, 32, 3, 7);
        ct = dir.resolve("ct00000.dcm");
    }

    @Test
    void dumpPrintsOneLinePerElement() {
        ToolRunner r = ToolRunner.run("dcm_dump", ct.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("(0010,0010) PN [Patient^Test^0]"), r.out());
        assertTrue(r.out().contains("(0008,0016) UI =CTImageStorage"), r.out());
        assertTrue(r.out().contains("  (fffe,e000) na (Item with undefined length #=3)"), r.out());
        assertTrue(r.out().contains("    (0008,0100) SH [CTCHEST]"), r.out());
        assertTrue(r.out().matches("(?s).*\\(7fe0,0010\\) OW [0-9a-f\\\\]+\\.\\.\\. +# 2048, 1 PixelData.*"), r.out());
    }

    @Test
    void truncatedFileFailsWithOneLine() throws Exception {
        byte[] all = Files.readAllBytes(ct);
        Path cut = tmp.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        ToolRunner r = ToolRunner.run("dcm_dump", cut.toString());
        assertEquals(1, r.status());
        assertEquals("dcm_dump: " + cut + ": unexpected end of file at offset " + (all.length - 10)
                + " while reading value of (7FE0,0010)", r.err().trim());
    }

    @Test
    void rawModeShowsHeadersOfABrokenFile() throws Exception {
        byte[] all = Files.readAllBytes(ct);
        Path cut = tmp.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        ToolRunner r = ToolRunner.run("dcm_dump", "--raw", cut.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("DICM prefix at offset 128"), r.out());
        assertTrue(r.out().contains("(0010,0010) PN"), r.out());
        assertTrue(r.out().contains("value of (7FE0,0010) (2048 bytes) runs past the end of the file"), r.out());
    }

    @Test
    void notDicomAndMissingFilesAreNamed() throws Exception {
        Path txt = tmp.resolve("notes.txt");
        Files.writeString(txt, "hello, this is not DICOM ".repeat(10));
        ToolRunner r = ToolRunner.run("dcm_dump", txt.toString(), tmp.resolve("nope.dcm").toString());
        assertEquals(1, r.status());
        String[] lines = r.err().trim().split("\n");
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].contains("not a DICOM Part 10 file (no DICM prefix at offset 128)"), lines[0]);
        assertTrue(lines[1].endsWith("nope.dcm: no such file"), lines[1]);
    }

    @Test
    void jsonOutputIsDicomJson() throws Exception {
        ToolRunner r = ToolRunner.run("dcm_dump", "--json", ct.toString());
        assertEquals(0, r.status(), r.err());
        DataSet fromJson = new DicomJsonReader().read(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)))
                .dataSets().get(0);
        DataSet original = DicomReader.read(ct).dataSet();
        assertEquals(original.getString(Tag.PatientName), fromJson.getString(Tag.PatientName));
        assertEquals(original.getString(Tag.SOPInstanceUID), fromJson.getString(Tag.SOPInstanceUID));
        assertEquals(512, fromJson.getInt(Tag.Rows, 0) * 16);
    }

    @Test
    void infoSummarisesADirectoryAndCountsUnreadableFiles() throws Exception {
        Files.writeString(dir.resolve("junk.dcm"), "junk");
        ToolRunner r = ToolRunner.run("dcm_info", dir.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("CT Image Storage (1.2.840.10008.5.1.4.1.1.2)"), r.out());
        assertTrue(r.out().contains("32x32, 1 frame, 16 bits allocated"), r.out());
        assertTrue(r.out().contains("junk.dcm: unreadable: "), r.out());
        assertTrue(r.out().trim().endsWith("4 files, 3 DICOM, 1 unreadable, 0.0 MB"), r.out());

        ToolRunner json = ToolRunner.run("dcm_info", "--json", ct.toString());
        assertEquals(0, json.status(), json.err());
        try (var p = new JsonFactory().createParser(json.out())) {
            while (p.nextToken() != null) {
                // parses as JSON
            }
        }
        assertTrue(json.out().contains("\"rows\" : 32"), json.out());
    }

    @Test
    void aMissingFileIsNamedOnceInWords() throws Exception {
        Path missing = dir.resolve("missing.dcm");
        ToolRunner info = ToolRunner.run("dcm_info", missing.toString());
        assertEquals(1, info.status());
        assertEquals(missing + ": unreadable: no such file" + System.lineSeparator()
                + "1 file, 0 DICOM, 1 unreadable, 0.0 MB", info.out().trim());
        ToolRunner dump = ToolRunner.run("dcm_dump", missing.toString());
        assertEquals(1, dump.status());
        assertEquals("dcm_dump: " + missing + ": no such file", dump.err().trim());
        ToolRunner conv = ToolRunner.run("dcm_conv", "--to=implicit_vr_le", ct.toString(),
                missing.resolve("out.dcm").toString());
        assertEquals(1, conv.status());
        assertEquals("dcm_conv: " + missing + ": no such file", conv.err().trim());
    }

    @Test
    void convertBetweenEverySyntaxKeepsTheDataSet() throws Exception {
        DataSet original = DicomReader.read(ct).dataSet();
        Path prev = ct;
        for (String to : new String[] {"implicit_vr_le", "explicit_vr_be", "deflated", "explicit_vr_le"}) {
            Path next = tmp.resolve(to + ".dcm");
            ToolRunner r = ToolRunner.run("dcm_conv", "--to", to, prev.toString(), next.toString());
            assertEquals(0, r.status(), r.err());
            DicomFile df = DicomReader.read(next);
            assertEquals(to, switch (df.transferSyntax().uid()) {
                case "1.2.840.10008.1.2" -> "implicit_vr_le";
                case "1.2.840.10008.1.2.2" -> "explicit_vr_be";
                case "1.2.840.10008.1.2.1.99" -> "deflated";
                default -> "explicit_vr_le";
            });
            assertNull(DataSetComparator.firstDifference(original, df.dataSet()), to);
            prev = next;
        }
    }

    @Test
    void convertRefusesToDecompress() throws Exception {
        DataSet ds = DicomReader.read(ct).dataSet();
        Fragments frags = new Fragments();
        frags.add(new byte[0]);
        frags.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        ds.setValue(Tag.PixelData, dev.cloudpacs.dicom.core.VR.OB, frags);
        Path jpeg = tmp.resolve("jpeg.dcm");
        DicomWriter.writeFile(jpeg, ds, TransferSyntax.of("1.2.840.10008.1.2.4.50"), WriteOptions.DEFAULT);
        Path out = tmp.resolve("out.dcm");
        ToolRunner r = ToolRunner.run("dcm_conv", "--to", "explicit_vr_le", jpeg.toString(), out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("compressed (encapsulated) and no decoder"), r.err());
        assertFalse(Files.exists(out));
        // Same syntax is fine: fragments are copied as they are.
        assertEquals(0, ToolRunner.run("dcm_dump", jpeg.toString()).status());
    }

    @Test
    void badCommandLineIsAUsageError() {
        assertEquals(2, ToolRunner.run("dcm_conv", "--to", "jpeg", "a", "b").status());
        assertEquals(2, ToolRunner.run("no_such_tool").status());
    }
}
