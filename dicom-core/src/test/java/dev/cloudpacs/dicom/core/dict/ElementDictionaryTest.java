package dev.cloudpacs.dicom.core.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {
    private static final Path DICOM_DIC = Path.of("/usr/share/libdcmtk17/dicom.dic");
    private static final Path PRIVATE_DIC = Path.of("/usr/share/libdcmtk17/private.dic");

    @Test
    void singleTags() {
        DictionaryEntry pn = ElementDictionary.lookup(0x00100010);
        assertEquals(VR.PN, pn.vr());
        assertEquals("PatientName", pn.keyword());
        assertEquals("1", pn.vm());
        assertFalse(pn.retired());
        assertFalse(pn.repeating());
        assertNull(pn.privateCreator());
        assertEquals(0x00100010, Tag.PatientName);
        assertEquals(Tag.PatientName, ElementDictionary.tagOf("PatientName"));
        assertEquals(VR.PN, ElementDictionary.vrOf(Tag.PatientName));
    }

    @Test
    void multiVrEntriesDefaultToTheirFirstVr() {
        DictionaryEntry pixelData = ElementDictionary.lookup(Tag.PixelData);
        assertEquals(List.of(VR.OW, VR.OB), pixelData.vrs());
        assertEquals(VR.OW, ElementDictionary.vrOf(0x7FE00010));

        DictionaryEntry smallest = ElementDictionary.lookup(0x00280106);
        assertEquals("SmallestImagePixelValue", smallest.keyword());
        assertEquals(List.of(VR.US, VR.SS), smallest.vrs());
        assertEquals(VR.US, ElementDictionary.vrOf(0x00280106));

        assertEquals(List.of(VR.OW), ElementDictionary.lookup(0x00281201).vrs());
        assertEquals("RedPaletteColorLookupTableData", ElementDictionary.keywordOf(0x00281201));
        assertEquals(VR.UL, ElementDictionary.vrOf(0x00041200)); // DCMTK "up": offset in a DICOMDIR
    }

    @Test
    void repeatingGroups() {
        DictionaryEntry overlay = ElementDictionary.lookup(0x60023000);
        assertEquals("OverlayData", overlay.keyword());
        assertTrue(overlay.repeating());
        assertEquals(0x60003000, overlay.tag());
        assertEquals(0x60003000, Tag.OverlayData);
        assertEquals(VR.OW, ElementDictionary.vrOf(0x60FE3000));
        assertEquals(0x60003000, ElementDictionary.tagOf("OverlayData"));

        DictionaryEntry curve = ElementDictionary.lookup(0x50103000);
        assertEquals("CurveData", curve.keyword());
        assertTrue(curve.retired());

        assertEquals("VariablePixelData", ElementDictionary.keywordOf(0x7F200010));
        assertEquals("SourceImageIDs", ElementDictionary.keywordOf(0x00203102));
        // Ranges without "-o-" or "-u-" cover even values only: odd groups are private.
        assertNull(ElementDictionary.lookup(0x60013000));
        assertNull(ElementDictionary.lookup(0x00203101));
    }

    @Test
    void groupLengthsAndPrivateCreators() {
        assertEquals("FileMetaInformationGroupLength", ElementDictionary.keywordOf(0x00020000));
        assertEquals("GenericGroupLength", ElementDictionary.keywordOf(0x00080000));
        assertEquals(VR.UL, ElementDictionary.vrOf(0x00080000));
        DictionaryEntry privateLength = ElementDictionary.lookup(0x00110000);
        assertEquals("PrivateGroupLength", privateLength.keyword());
        assertEquals(VR.UL, privateLength.vr());

        DictionaryEntry creator = ElementDictionary.lookup(0x00090010);
        assertEquals("PrivateCreator", creator.keyword());
        assertEquals(VR.LO, creator.vr());
        assertEquals("PrivateCreator", ElementDictionary.keywordOf(0x7FE100FF));
        assertEquals(VR.LO, ElementDictionary.vrOf(0x00290011));
    }

    @Test
    void unknownAndPrivateDataElements() {
        assertNull(ElementDictionary.lookup(0x00291010));
        assertNull(ElementDictionary.keywordOf(0x00291010));
        assertEquals(VR.UN, ElementDictionary.vrOf(0x00291010));
        assertEquals(-1, ElementDictionary.tagOf("NoSuchKeyword"));
        assertEquals(-1, ElementDictionary.tagOf(null));
    }

    @Test
    void itemsHaveNoVr() {
        DictionaryEntry item = ElementDictionary.lookup(Tags.ITEM);
        assertEquals("Item", item.keyword());
        assertNull(item.vr());
        assertEquals(VR.UN, ElementDictionary.vrOf(Tags.SEQUENCE_DELIMITATION));
    }

    @Test
    void everyKeywordIsUniqueAndRoundTrips() {
        Set<String> keywords = new HashSet<>();
        for (DictionaryEntry e : ElementDictionary.entries()) {
            assertTrue(keywords.add(e.keyword()), e.keyword());
            assertEquals(e.tag(), ElementDictionary.tagOf(e.keyword()), e.keyword());
            if (!e.repeating()) {
                assertEquals(e.tag(), ElementDictionary.tagOf(ElementDictionary.keywordOf(e.tag())), e.keyword());
            }
        }
    }

    @Test
    void privateDictionary() {
        DictionaryEntry csa = ElementDictionary.lookupPrivate(" SIEMENS CSA HEADER ", 0x00291110);
        assertEquals("CSAImageHeaderInfo", csa.keyword());
        assertEquals(VR.OB, csa.vr());
        assertEquals("SIEMENS CSA HEADER", csa.privateCreator());
        assertEquals("CSAImageHeaderInfo", ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x00291010).keyword());
        assertNull(ElementDictionary.lookupPrivate("siemens csa header", 0x00291010));
        assertNull(ElementDictionary.lookupPrivate("SIEMENS CSA HEADER", 0x00290010));
        assertNull(ElementDictionary.lookupPrivate(null, 0x00291010));

        // Fixed element: only (7FE1,1060), not the same low byte in another block.
        assertEquals("IllegalPrivatePixelSequence",
                ElementDictionary.lookupPrivate("GEMS_Ultrasound_MovieGroup_001", 0x7FE11060).keyword());
        assertNull(ElementDictionary.lookupPrivate("GEMS_Ultrasound_MovieGroup_001", 0x7FE11160));

        // Repeating odd groups.
        assertEquals("OverlayRows", ElementDictionary.lookupPrivate("PAPYRUS 3.0", 0x60031110).keyword());
    }

    /** Every data line of DCMTK's dicom.dic became exactly one entry. */
    @Test
    void coversEveryLineOfDicomDic() throws IOException {
        Assumptions.assumeTrue(Files.exists(DICOM_DIC),
                DICOM_DIC + " not found (Debian package libdcmtk17); skipping the cross-check");
        List<String> lines = dataLines(DICOM_DIC);
        assertEquals(lines.size(), ElementDictionary.entries().size());
        for (String line : lines) {
            String keyword = line.split("\t")[2].replaceFirst("^RETIRED_", "");
            assertTrue(ElementDictionary.tagOf(keyword) != -1, keyword);
        }
    }

    /** Every line of DCMTK's private.dic resolves to its keyword in the first block it could occupy. */
    @Test
    void coversEveryLineOfPrivateDic() throws IOException {
        Assumptions.assumeTrue(Files.exists(PRIVATE_DIC),
                PRIVATE_DIC + " not found (Debian package libdcmtk17); skipping the cross-check");
        Pattern tag = Pattern.compile("\\(([0-9A-Fa-f]{4})[^,]*,\"(.*)\",([0-9A-Fa-f]+)\\)");
        for (String line : dataLines(PRIVATE_DIC)) {
            String[] f = line.split("\t");
            Matcher m = tag.matcher(f[0]);
            assertTrue(m.matches(), line);
            int element = Integer.parseInt(m.group(3), 16);
            int t = (Integer.parseInt(m.group(1), 16) << 16) | (element >= 0x1000 ? element : 0x1000 | element);
            DictionaryEntry e = ElementDictionary.lookupPrivate(m.group(2), t);
            assertNotNull(e, line);
            assertEquals(f[2], e.keyword(), line);
        }
    }

    private static List<String> dataLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }
}
