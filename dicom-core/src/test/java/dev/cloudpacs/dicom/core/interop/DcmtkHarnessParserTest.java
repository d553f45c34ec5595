package dev.cloudpacs.dicom.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parser tests on captured dcmdump 3.6.7 output; they run without DCMTK installed. */
class DcmtkHarnessParserTest {

    private static final String OUTPUT = String.join("\n",
            "",
            "# Dicom-File-Format",
            "",
            "# Dicom-Meta-Information-Header",
            "# Used TransferSyntax: Little Endian Explicit",
            "(0002,0000) UL 156                                      #   4, 1 FileMetaInformationGroupLength",
            "(0002,0010) UI =LittleEndianExplicit                    #  20, 1 TransferSyntaxUID",
            "",
            "# Dicom-Data-Set",
            "# Used TransferSyntax: Little Endian Explicit",
            "(0008,0005) CS [\\ISO 2022 IR 87]                        #  16, 2 SpecificCharacterSet",
            "(0008,0018) UI [1.2.3.4.5.9\0]                           #  12, 1 SOPInstanceUID",
            "(0008,1032) SQ (Sequence with explicit length #=0)      #   0, 1 ProcedureCodeSequence",
            "(fffe,e0dd) na (SequenceDelimitationItem for re-encod.) #   0, 0 SequenceDelimitationItem",
            "(0008,1115) SQ (Sequence with undefined length #=1)     # u/l, 1 ReferencedSeriesSequence",
            "  (fffe,e000) na (Item with undefined length #=2)         # u/l, 1 Item",
            "    (0008,1155) UI [1.2.3.9]                                #   8, 1 ReferencedSOPInstanceUID",
            "    (0020,000e) UI [1.2.3.10]                               #   8, 1 SeriesInstanceUID",
            "  (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem",
            "(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem",
            "(0008,0104) LO [a # 1, 1 b]ra]                          #  14, 1 CodeMeaning",
            "(0010,0010) PN (no value available)                     #   0, 0 PatientName",
            "(0010,21b0) LT [Line one\r",
            "line two]                     #  18, 1 AdditionalPatientHistory",
            "(0028,0009) AT (0018,1063)\\(0018,1065)                  #   8, 2 FrameIncrementPointer",
            "(0029,1001) ?? 01\\02\\03\\04                              #   4, 1 Unknown Tag & Data",
            "(7fe0,0010) OB (PixelSequence #=2)                      # u/l, 1 PixelData",
            "  (fffe,e000) pi (no value available)                     #   0, 1 Item",
            "  (fffe,e000) pi 01\\00\\00\\00                              #   4, 1 Item",
            "(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem",
            "");

    private final List<DumpLine> lines = DcmdumpParser.parse(OUTPUT);

    private DumpLine line(int tag) {
        return lines.stream().filter(l -> l.tag() == tag).findFirst().orElseThrow();
    }

    @Test
    void separatesMetaInformationFromDataSet() {
        assertEquals(21, lines.size());
        assertTrue(line(0x00020000).meta());
        assertFalse(line(0x00080005).meta());
        assertEquals("=LittleEndianExplicit", line(0x00020010).value(), "UID names are kept verbatim");
    }

    @Test
    void parsesStringValueLengthVmAndKeyword() {
        DumpLine charset = line(0x00080005);
        assertEquals(0, charset.depth());
        assertEquals("CS", charset.vr());
        assertEquals("\\ISO 2022 IR 87", charset.value());
        assertEquals(16, charset.length());
        assertEquals(2, charset.vm());
        assertEquals("SpecificCharacterSet", charset.keyword());
        assertEquals("(0008,0005)", charset.tagString());
        assertEquals("1.2.3.4.5.9\0", line(0x00080018).value(), "padding is kept");
        assertEquals("1.2.3.4.5.9", line(0x00080018).trimmedValue());
        assertEquals("a # 1, 1 b]ra", line(0x00080104).value(), "'#' and ']' inside a string");
    }

    @Test
    void parsesNestingAndLengths() {
        DumpLine sequence = line(0x00081115);
        assertEquals(-1, sequence.length());
        assertTrue(sequence.undefinedLength());
        assertEquals(1, sequence.childCount());
        DumpLine item = lines.get(lines.indexOf(sequence) + 1);
        assertTrue(item.isItem());
        assertEquals(1, item.depth());
        assertEquals(2, item.childCount());
        assertEquals(2, line(0x00081155).depth());
        assertEquals(0, line(0x00081032).childCount());
        DumpLine synthetic = lines.get(lines.indexOf(line(0x00081032)) + 1);
        assertTrue(synthetic.isDelimitation() && synthetic.isSynthetic());
        DumpLine real = lines.get(lines.indexOf(line(0x00080104)) - 1);
        assertTrue(real.isDelimitation() && !real.isSynthetic());
    }

    @Test
    void parsesSpecialValues() {
        assertEquals("", line(0x00100010).value());
        assertEquals(0, line(0x00100010).vm());
        assertEquals("Line one\r\nline two", line(0x001021B0).value());
        assertEquals("(0018,1063)\\(0018,1065)", line(0x00280009).value());
        assertEquals("??", line(0x00291001).vr());
        assertEquals("Unknown Tag & Data", line(0x00291001).keyword());
        DumpLine pixels = line(0x7FE00010);
        assertEquals("PixelSequence #=2", pixels.value());
        assertEquals(2, pixels.childCount());
        List<DumpLine> fragments = lines.stream().filter(l -> "pi".equals(l.vr())).toList();
        assertEquals(List.of("", "01\\00\\00\\00"), fragments.stream().map(DumpLine::value).toList());
    }

    @Test
    void rejectsUnknownLines() {
        assertThrows(IllegalArgumentException.class, () -> DcmdumpParser.parse("garbage\n"));
        assertThrows(IllegalArgumentException.class, () -> DcmdumpParser.parse("(0010,21b0) LT [open\n"));
    }
}
