package dev.cloudpacs.dicom.core.json;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.DataSetComparator;
import dev.cloudpacs.dicom.core.data.Sequence;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A QIDO-style response in the shape of the PS3.18 F.4 example, read and written back. */
class DicomJsonExampleTest {
    static final String EXAMPLE = """
            [
              {
                "00080005": { "vr": "CS", "Value": [ "ISO_IR 192" ] },
                "00080020": { "vr": "DA", "Value": [ "20130409" ] },
                "00080030": { "vr": "TM", "Value": [ "131600.0000" ] },
                "00080050": { "vr": "SH", "Value": [ "11235813" ] },
                "00080056": { "vr": "CS", "Value": [ "ONLINE" ] },
                "00080061": { "vr": "CS", "Value": [ "CT", "PET" ] },
                "00080090": { "vr": "PN", "Value": [ { "Alphabetic": "^Bob^^Dr." } ] },
                "00081190": { "vr": "UR", "Value": [ "http://wado.example.org/studies/1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ] },
                "00090010": { "vr": "LO", "Value": [ "Vendor A" ] },
                "00091002": { "vr": "UN", "InlineBinary": "z0x9c8v7" },
                "00100010": { "vr": "PN", "Value": [ { "Alphabetic": "Yamada^Tarou", "Ideographic": "山田^太郎", "Phonetic": "やまだ^たろう" } ] },
                "00100020": { "vr": "LO", "Value": [ "12345" ] },
                "00100021": { "vr": "LO", "Value": [ "Hospital A" ] },
                "00100030": { "vr": "DA", "Value": [ "19670701" ] },
                "00100040": { "vr": "CS", "Value": [ "M" ] },
                "00101000": { "vr": "LO", "Value": [ "54321", null, "24680" ] },
                "00101002": { "vr": "SQ", "Value": [
                    { "00100020": { "vr": "LO", "Value": [ "54321" ] }, "00100021": { "vr": "LO", "Value": [ "Hospital B" ] } },
                    { "00100020": { "vr": "LO", "Value": [ "24680" ] }, "00100021": { "vr": "LO", "Value": [ "Hospital C" ] } },
                    { }
                  ] },
                "00101010": { "vr": "AS" },
                "00101030": { "vr": "DS", "Value": [ 72.5 ] },
                "0020000D": { "vr": "UI", "Value": [ "1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873" ] },
                "00200010": { "vr": "SH", "Value": [ "11235813" ] },
                "00201206": { "vr": "IS", "Value": [ 4 ] },
                "00201208": { "vr": "IS", "Value": [ 942 ] },
                "00280009": { "vr": "AT", "Value": [ "00181063", "00181065" ] },
                "00280010": { "vr": "US", "Value": [ 512 ] },
                "00431029": { "vr": "OB", "BulkDataURI": "http://wado.example.org/studies/1.2.3/series/4.5/instances/6.7/bulk/00431029" }
              },
              {
                "0020000D": { "vr": "UI", "Value": [ "1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876" ] },
                "00201206": { "vr": "IS", "Value": [ "0004" ] }
              }
            ]
            """;

    @Test
    void readsEveryKindOfValue() throws Exception {
        DicomJsonReader.Result r = new DicomJsonReader().read(EXAMPLE);
        assertEquals(2, r.dataSets().size());
        DataSet ds = r.dataSets().get(0);
        assertEquals("ISO_IR 192", ds.getString(Tag.SpecificCharacterSet));
        assertArrayEquals(new String[] {"CT", "PET"}, ds.getStrings(Tag.ModalitiesInStudy));
        assertEquals("^Bob^^Dr.", ds.getString(Tag.ReferringPhysicianName));
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", ds.getString(Tag.PatientName));
        assertArrayEquals(new String[] {"54321", "", "24680"}, ds.getStrings(Tag.OtherPatientIDs));
        assertEquals(VR.AS, ds.getVR(Tag.PatientAge));
        assertEquals(0, ds.getStrings(Tag.PatientAge).length);
        assertEquals("72.5", ds.getString(Tag.PatientWeight));
        assertEquals(942, ds.getInt(Tag.NumberOfStudyRelatedInstances, -1));
        assertEquals(512, ds.getInt(Tag.Rows, -1));
        assertArrayEquals(new int[] {0x00181063, 0x00181065}, ds.getInts(Tag.FrameIncrementPointer));
        assertArrayEquals(new byte[] {(byte) 0xCF, 0x4C, 0x7D, 0x73, (byte) 0xCB, (byte) 0xFB}, ds.getBytes(0x00091002));

        Sequence seq = ds.getSequence(Tag.OtherPatientIDsSequence);
        assertEquals(3, seq.size());
        assertEquals("Hospital C", seq.get(1).getString(Tag.IssuerOfPatientID));
        assertTrue(seq.get(2).isEmpty());

        // The unresolved BulkDataURI: element present and empty, reported for later resolution.
        assertEquals(1, r.unresolvedBulkData().size());
        BulkDataReference ref = r.unresolvedBulkData().get(0);
        assertEquals(0x00431029, ref.tag());
        assertEquals(VR.OB, ref.vr());
        assertEquals("[0].00431029", ref.path()); // [0]: first data set of the array
        assertEquals(0, ds.getBytes(0x00431029).length);

        DataSet second = r.dataSets().get(1);
        assertEquals("0004", second.getString(Tag.NumberOfStudyRelatedSeries)); // a string keeps its text
        assertNull(second.getString(Tag.SpecificCharacterSet));
    }

    @Test
    void resolverSuppliesBulkData() throws Exception {
        byte[] data = {1, 2, 3, 4};
        DicomJsonReader.Result r = new DicomJsonReader()
                .bulkDataResolver((uri, vr) -> uri.endsWith("/00431029") ? data : null)
                .read(EXAMPLE);
        assertTrue(r.unresolvedBulkData().isEmpty());
        assertArrayEquals(data, r.dataSets().get(0).getBytes(0x00431029));
    }

    @Test
    void writesItBackToTheSameModel() throws Exception {
        DicomJsonWriter writer = new DicomJsonWriter();
        List<DataSet> original = new DicomJsonReader().read(EXAMPLE).dataSets();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeArray(original, out);
        String json = out.toString(StandardCharsets.UTF_8);

        assertTrue(json.contains("\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\","
                + "\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"}]}"), json);
        assertTrue(json.contains("\"00101000\":{\"vr\":\"LO\",\"Value\":[\"54321\",null,\"24680\"]}"), json);
        assertTrue(json.contains("\"00101010\":{\"vr\":\"AS\"}"), json);
        assertTrue(json.contains("\"00101030\":{\"vr\":\"DS\",\"Value\":[72.5]}"), json);
        assertTrue(json.contains("\"00201208\":{\"vr\":\"IS\",\"Value\":[942]}"), json);
        assertTrue(json.contains("\"00201206\":{\"vr\":\"IS\",\"Value\":[\"0004\"]}"), json);
        assertTrue(json.contains("\"00280009\":{\"vr\":\"AT\",\"Value\":[\"00181063\",\"00181065\"]}"), json);
        assertTrue(json.contains("\"00091002\":{\"vr\":\"UN\",\"InlineBinary\":\"z0x9c8v7\"}"), json);
        assertTrue(json.contains("{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]}"), json);
        assertTrue(json.contains("{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"24680\"]},"
                + "\"00100021\":{\"vr\":\"LO\",\"Value\":[\"Hospital C\"]}},{}]}"), json);

        List<DataSet> again = new DicomJsonReader().read(json).dataSets();
        assertEquals(2, again.size());
        for (int k = 0; k < 2; k++) {
            assertNull(DataSetComparator.firstDifference(original.get(k), again.get(k)));
        }
    }
}
