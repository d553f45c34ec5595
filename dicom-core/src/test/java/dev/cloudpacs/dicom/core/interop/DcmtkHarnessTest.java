package dev.cloudpacs.dicom.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the DCMTK harness itself: the corpus builds and dcmdump output parses as expected. */
class DcmtkHarnessTest {

    @TempDir
    static Path dir;

    private static List<CorpusFile> corpus;

    @BeforeAll
    static void buildCorpus() {
        Dcmtk.assumeAvailable();
        corpus = DcmtkCorpus.build(dir);
    }

    private static List<DumpLine> dataSet(String name, String... options) {
        return Dcmtk.dcmdumpDataSet(DcmtkCorpus.find(corpus, name).path(), options);
    }

    private static DumpLine line(List<DumpLine> lines, int tag) {
        return lines.stream().filter(l -> l.tag() == tag).findFirst()
                .orElseThrow(() -> new AssertionError(String.format("no tag %08x", tag)));
    }

    @Test
    void everyCorpusFileBuildsAndParses() throws IOException {
        assertEquals(44, corpus.size());
        for (CorpusFile file : corpus) {
            assertTrue(Files.size(file.path()) < 8192, file.name() + " should stay small");
            List<DumpLine> lines = Dcmtk.dcmdump(file.path());
            List<DumpLine> meta = lines.stream().filter(DumpLine::meta).toList();
            if (file.dataSetOnly()) {
                assertTrue(meta.isEmpty(), file.name());
            } else {
                assertEquals(file.transferSyntaxUid(), line(meta, 0x00020010).trimmedValue(), file.name());
            }
            assertTrue(lines.stream().anyMatch(l -> !l.meta() && l.tag() == 0x00080016), file.name());
        }
    }

    @Test
    void rebuildingAnUpToDateCorpusKeepsTheFiles() throws IOException {
        FileTime before = Files.getLastModifiedTime(corpus.get(0).path());
        assertEquals(corpus, DcmtkCorpus.build(dir));
        assertEquals(before, Files.getLastModifiedTime(corpus.get(0).path()));
    }

    @Test
    void ctImageHeaderAndPixelData() {
        List<DumpLine> lines = Dcmtk.dcmdump(DcmtkCorpus.find(corpus, "ct-image-ele").path());
        assertEquals(DcmtkCorpus.EXPLICIT_VR_LE, line(lines, 0x00020010).trimmedValue());
        DumpLine name = line(lines, 0x00100010);
        assertEquals(new DumpLine(0, 0x00100010, "PN", "Doe^John^Q^Dr.^Jr.", 18, 1, "PatientName",
                name.rawLine(), false), name);
        DumpLine orientation = line(lines, 0x00200037);
        assertEquals(6, orientation.vm());
        assertEquals("1\\0\\0\\0\\1\\0", orientation.trimmedValue());
        assertEquals("16", line(lines, 0x00280010).value());
        assertEquals(2, line(lines, 0x00280010).length());
        DumpLine pixels = line(lines, 0x7FE00010);
        assertEquals("OW", pixels.vr());
        assertEquals(512, pixels.length());
        String[] words = pixels.value().split("\\\\");
        assertEquals(256, words.length);
        assertEquals("fc00", words[0]); // row 0, column 0: -1024
        assertEquals("0bf0", words[255]); // row 15, column 15: 3056
    }

    @Test
    void nestedSequencesDepthAndLengths() {
        List<DumpLine> undefined = dataSet("nested-sequences-ele-undef");
        DumpLine reference = line(undefined, 0x00081155);
        assertEquals(4, reference.depth());
        assertEquals(2, reference.itemLevel());
        assertEquals("1.2.826.0.1.3680043.10.1001.1.1", reference.trimmedValue());
        List<DumpLine> items = undefined.stream().filter(DumpLine::isItem).toList();
        assertTrue(items.stream().allMatch(DumpLine::undefinedLength));
        assertEquals(List.of(2, 3, 0, 2, 3, 3), items.stream().map(DumpLine::childCount).toList());
        assertEquals(List.of(1, 3, 3, 1, 1, 3), items.stream().map(DumpLine::depth).toList());
        assertEquals(0, line(undefined, 0x00081032).childCount(), "empty sequence");
        assertEquals(0, line(undefined, 0x0008114A).childCount(), "empty sequence inside an item");
        assertTrue(undefined.stream().filter(DumpLine::isDelimitation).noneMatch(DumpLine::isSynthetic));

        List<DumpLine> explicit = dataSet("nested-sequences-ele");
        // Two items with 8-byte headers: (8+26) + (8+32) + (8+4) bytes of elements, and an empty one.
        assertEquals(8 + 86 + 8, line(explicit, 0x00081140).length());
        assertTrue(explicit.stream().filter(DumpLine::isDelimitation).allMatch(DumpLine::isSynthetic));
        assertTrue(dataSet("nested-sequences-ile-grouplen").stream()
                .anyMatch(l -> l.depth() == 4 && l.tag() == 0x00080000), "group length inside items");
    }

    @Test
    void everyVrIsPresentWithMultipleValues() {
        List<DumpLine> lines = dataSet("all-vrs-ele");
        Set<String> vrs = lines.stream().map(DumpLine::vr).collect(Collectors.toCollection(TreeSet::new));
        for (String vr : List.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT",
                "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC",
                "UI", "UL", "UN", "UR", "US", "UT", "UV")) {
            assertTrue(vrs.contains(vr), vr + " missing from " + vrs);
        }
        assertEquals("(0018,1063)\\(0018,1065)", line(lines, 0x00280009).value());
        assertEquals(3, line(lines, 0x00189079).vm());
        assertEquals("1.5\\-2.25\\1000000", line(lines, 0x00189079).value());
        assertEquals("-9223372036854775808\\9223372036854775807", line(lines, 0x00720082).value());
        assertEquals("01\\02\\03\\00", line(lines, 0x00420011).value(), "odd OB padded");
        assertEquals("DERIVED\\SECONDARY\\OTHER ", line(lines, 0x00080008).value(), "padding visible with -dc");
    }

    @Test
    void variantsOfOneSourceEncodeTheSameContent() {
        Map<String, List<CorpusFile>> bySource = corpus.stream()
                .collect(Collectors.groupingBy(CorpusFile::source));
        bySource.forEach((source, files) -> {
            List<String> expected = signatures(files.get(0));
            for (CorpusFile file : files) {
                assertEquals(expected, signatures(file), file.name() + " vs " + files.get(0).name());
            }
        });
    }

    /**
     * Comparable content of a file: no group lengths or delimiters, sequences by item count
     * (lengths differ per encoding; item element counts include group lengths), and no
     * private elements, which implicit VR turns into unknown '??' bytes.
     */
    private static List<String> signatures(CorpusFile file) {
        return Dcmtk.dcmdumpDataSet(file.path()).stream()
                .filter(l -> l.element() != 0 && !l.isDelimitation() && l.group() % 2 == 0)
                .map(l -> l.depth() + " " + l.tagString() + " " + switch (l.vr()) {
                    case "SQ" -> "#=" + l.childCount();
                    case "na" -> "item";
                    default -> l.vr() + " " + l.trimmedValue();
                })
                .toList();
    }

    @Test
    void privateTagsKeepTheirVrOnlyInExplicitVr() {
        assertEquals("LO", line(dataSet("private-tags-ebe"), 0x00091001).vr());
        assertEquals("513\\1", line(dataSet("private-tags-ebe"), 0x00091002).value());
        assertEquals("??", line(dataSet("private-tags-ile"), 0x00091001).vr());
        assertEquals("UN", line(dataSet("private-tags-ele"), 0x00111001).vr(), "orphan private element");
    }

    @Test
    void characterSets() {
        assertEquals("Buc^Jérôme", line(dataSet("charset-latin1-ele"), 0x00100010).value(),
                "ISO-8859-1 bytes decode one-to-one");
        assertEquals("Wang^XiaoDong=王^小東=", line(dataSet("charset-utf8-ile", "+U8"), 0x00100010).trimmedValue());
        assertEquals("Иванов^Иван^Иванович",
                line(dataSet("charset-cyrillic-ebe", "+U8"), 0x00100010).trimmedValue());
        assertRawBytes("Yamada^Tarou=山田^太郎=やまだ^たろう", Charset.forName("ISO-2022-JP"),
                line(dataSet("charset-iso2022-jp-deflated"), 0x00100010));
        assertRawBytes("Иванов^Иван^Иванович", Charset.forName("ISO-8859-5"),
                line(dataSet("charset-cyrillic-ele"), 0x00100010));
    }

    private static void assertRawBytes(String expected, Charset charset, DumpLine line) {
        assertArrayEquals(expected.getBytes(charset), line.trimmedValue().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void bareDataSetsHaveNoMetaInformation() {
        for (String name : List.of("ct-image-ele-bare", "ct-image-ile-bare")) {
            CorpusFile file = DcmtkCorpus.find(corpus, name);
            assertFalse(Dcmtk.dcmdump(file.path()).stream().anyMatch(DumpLine::meta), name);
            assertTrue(Dcmtk.dcmdumpText(file.path(), "-Un").contains("# Used TransferSyntax: Little Endian "
                    + (name.contains("ile") ? "Implicit" : "Explicit")), name);
        }
    }

    @Test
    void encapsulatedPixelSequence() {
        List<DumpLine> lines = dataSet("encapsulated-rle");
        DumpLine pixels = line(lines, 0x7FE00010);
        assertEquals(2, pixels.childCount());
        assertTrue(pixels.undefinedLength());
        List<Long> fragments = lines.stream().filter(l -> "pi".equals(l.vr())).map(DumpLine::length).toList();
        assertEquals(List.of(0L, 70L), fragments);
    }

    @Test
    void failuresReportStderr() {
        Path missing = dir.resolve("missing.dcm");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dcmtk.dcmconv(missing, dir.resolve("out.dcm")));
        assertTrue(e.getMessage().contains("missing.dcm"), e.getMessage());
    }
}
