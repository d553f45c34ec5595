package dev.cloudpacs.dicom.core.json;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.DataSetComparator;
import dev.cloudpacs.dicom.core.data.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DataSet -> JSON -> DataSet keeps every VR's content, in either byte order. */
class DicomJsonRoundTripTest {
    static final int CREATOR = 0x00290010;

    /** One element of every VR, empty values, multi-valued lists with empty members, nested items. */
    static DataSet sample(boolean bigEndian) {
        DataSet ds = new DataSet();
        ds.setBigEndian(bigEndian);
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "", "AXIAL");
        ds.setString(Tag.StudyDate, VR.DA, "20240229");
        ds.setString(Tag.StudyTime, VR.TM, "101500.123");
        ds.setString(0x0008002A, VR.DT, "20240229101500.123456+0100");
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.setString(Tag.InstitutionName, VR.LO, "Klinik Müller");
        ds.setString(Tag.InstitutionAddress, VR.ST, "Hauptstraße 1\r\nZürich");
        ds.setString(0x00081190, VR.UR, "http://example.org/a?b=c");
        ds.setString(0x00100010, VR.PN, "Müller^Hans", "", "=Ideo^Graphic", "A==Pho^net");
        ds.setValue(Tag.PatientAge, VR.AS, null);
        ds.setString(0x00100020, VR.LO, "ID 1");
        ds.setString(0x001021B0, VR.LT, "  leading spaces matter in LT");
        ds.setString(Tag.InstanceNumber, VR.IS, "7");
        ds.setString(0x00200012, VR.IS, "1", "", "+3", "003");
        ds.setString(Tag.WindowCenter, VR.DS, "40", "1.50", ".5", "-1e3", "", "+2", "1.", "0.1234567890123");
        ds.setLong(Tag.FrameIncrementPointer, VR.AT, 0x00181063L, 0xFFFEE000L);
        ds.setInt(Tag.Rows, VR.US, 512);
        ds.setInt(0x00280106, VR.SS, -5, 7);
        ds.setLong(0x00181600, VR.UL, 4_000_000_000L);
        ds.setInt(0x00186020, VR.SL, -100_000, 1);
        ds.setDouble(0x00181041, VR.FL, 0.1, -2.5, Double.NaN, Double.NEGATIVE_INFINITY);
        ds.setDouble(0x00189087, VR.FD, Math.PI, 1e-300, Double.POSITIVE_INFINITY);
        ds.setString(CREATOR, VR.LO, "CLOUDPACS TEST");
        ds.setLong(0x00291001, VR.SV, 1, -(1L << 60), Long.MIN_VALUE, 1L << 53, -(1L << 53));
        ds.setLong(0x00291002, VR.UV, 5, -1L, 1L << 53, (1L << 53) + 1);
        ds.setString(0x00291003, VR.UC, "unlimited", "characters");
        ds.setString(0x00291004, VR.UT, "  unlimited\\text with backslash");
        ds.setString(0x00291005, VR.SH, "short");
        ds.setString(0x00291006, VR.AE, "STORESCP");
        ds.setBytes(0x00291010, VR.OB, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, (byte) 0xFF});
        ds.setLong(0x00291011, VR.OW, 1, 0x0203, 0xFFFF, 0x8000);
        ds.setDouble(0x00291012, VR.OF, 1.5, -0.25);
        ds.setDouble(0x00291013, VR.OD, Math.E);
        ds.setLong(0x00291014, VR.OL, 0x01020304L, -1L);
        ds.setLong(0x00291015, VR.OV, 0x0102030405060708L);
        ds.setBytes(0x00291016, VR.UN, new byte[] {(byte) 0xCF, 0x4C, 0x7D, 0x73, (byte) 0xCB, (byte) 0xEF});
        ds.setValue(0x00291017, VR.OB, null);
        ds.newSequence(0x00291020, 0); // empty sequence
        Sequence seq = ds.newSequence(Tag.ReferencedImageSequence, 3);
        DataSet item = seq.addItem();
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4");
        item.setInt(0x00081160, VR.IS, 1, 2);
        item.newSequence(0x00081199, 1).addItem().setBytes(0x00291010, VR.OW, new byte[] {1, 2, 3, 4});
        seq.addItem(); // empty item
        seq.addItem().setString(0x00100010, VR.PN, "Ärger^Ölaf");
        return ds;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyVrSurvivesARoundTrip(boolean bigEndian) throws Exception {
        DataSet original = sample(bigEndian);
        String json = new DicomJsonWriter().toJson(original);
        DataSet back = new DicomJsonReader().readDataSet(json);
        assertNull(DataSetComparator.firstDifference(original, back), json);
        assertFalse(back.bigEndian());
        // And writing again gives the same JSON text.
        assertEquals(json, new DicomJsonWriter().toJson(back));
    }

    @Test
    void bigEndianDataSetWritesLittleEndianInlineBinary() throws Exception {
        DataSet be = new DataSet();
        be.setBigEndian(true);
        be.setBytes(0x00291011, VR.OW, new byte[] {0x01, 0x02, 0x03, 0x04});
        be.setBytes(0x00291012, VR.OF, new byte[] {0x3F, (byte) 0xC0, 0, 0});
        be.setInt(Tag.Rows, VR.US, 0x0102);
        String json = new DicomJsonWriter().toJson(be);
        String ow = Base64.getEncoder().encodeToString(new byte[] {0x02, 0x01, 0x04, 0x03});
        String of = Base64.getEncoder().encodeToString(new byte[] {0, 0, (byte) 0xC0, 0x3F});
        assertEquals("{\"00280010\":{\"vr\":\"US\",\"Value\":[258]},"
                + "\"00291011\":{\"vr\":\"OW\",\"InlineBinary\":\"" + ow + "\"},"
                + "\"00291012\":{\"vr\":\"OF\",\"InlineBinary\":\"" + of + "\"}}", json);
        DataSet back = new DicomJsonReader().readDataSet(json);
        assertEquals(1.5, back.getDoubles(0x00291012)[0]);
    }

    @Test
    void numberFormsFollowF23() throws Exception {
        DataSet ds = sample(false);
        String json = new DicomJsonWriter().toJson(ds);
        assertTrue(json.contains("\"00281050\":{\"vr\":\"DS\",\"Value\":[40,1.50,\".5\",-1e3,null,\"+2\",\"1.\",0.1234567890123]}"), json);
        assertTrue(json.contains("\"00200012\":{\"vr\":\"IS\",\"Value\":[1,null,\"+3\",\"003\"]}"), json);
        assertTrue(json.contains("\"00291001\":{\"vr\":\"SV\",\"Value\":[1,\"-1152921504606846976\","
                + "\"-9223372036854775808\",9007199254740992,-9007199254740992]}"), json);
        assertTrue(json.contains("\"00291002\":{\"vr\":\"UV\",\"Value\":[5,\"18446744073709551615\","
                + "9007199254740992,\"9007199254740993\"]}"), json);
        assertTrue(json.contains("\"00181041\":{\"vr\":\"FL\",\"Value\":[0.1,-2.5,\"NaN\",\"-Infinity\"]}"), json);
        assertTrue(json.contains("\"00280010\":{\"vr\":\"US\",\"Value\":[512]}"), json);
        assertTrue(json.contains("\"00181600\":{\"vr\":\"UL\",\"Value\":[4000000000]}"), json);
        assertTrue(json.contains("\"00280009\":{\"vr\":\"AT\",\"Value\":[\"00181063\",\"FFFEE000\"]}"), json);
        assertTrue(json.contains("\"00101010\":{\"vr\":\"AS\"}"), json);
        assertTrue(json.contains("\"00291017\":{\"vr\":\"OB\"}"), json);
        assertTrue(json.contains("\"00291020\":{\"vr\":\"SQ\"}"), json);
        assertTrue(json.contains("\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller^Hans\"},null,"
                + "{\"Ideographic\":\"Ideo^Graphic\"},{\"Alphabetic\":\"A\",\"Phonetic\":\"Pho^net\"}]}"), json);

        String strings = new DicomJsonWriter().numbersAsStrings(true).toJson(ds);
        assertTrue(strings.contains("\"00200013\":{\"vr\":\"IS\",\"Value\":[\"7\"]}"), strings);
        assertTrue(strings.contains("\"00291002\":{\"vr\":\"UV\",\"Value\":[\"5\","), strings);
    }

    @Test
    void numbersFromOtherWritersBecomeDicomText() throws Exception {
        DataSet ds = new DicomJsonReader().readDataSet("""
                {"00200013": {"vr": "IS", "Value": [4.0]},
                 "00281050": {"vr": "DS", "Value": [0.12345678901234567890, 1E+2, -0.000000000000000001234]},
                 "00291001": {"vr": "SV", "Value": ["-9223372036854775808"]},
                 "00291002": {"vr": "UV", "Value": [18446744073709551615]}}""");
        assertEquals("4", ds.getString(Tag.InstanceNumber));
        String[] ds3 = ds.getStrings(Tag.WindowCenter);
        assertEquals("0.12345678901235", ds3[0]);
        assertEquals("1E+2", ds3[1]);
        assertEquals("-1.234E-18", ds3[2]);
        assertEquals(Long.MIN_VALUE, ds.getLongs(0x00291001)[0]);
        assertEquals(-1L, ds.getLongs(0x00291002)[0]);
    }

    @Test
    void groupLengthsAreLeftOutAndKeysAscend() throws Exception {
        DataSet ds = new DataSet();
        ds.setLong(0x7FE00000, VR.UL, 20); // group lengths
        ds.setLong(0x00080000, VR.UL, 20);
        ds.setString(0x00290010, VR.LO, "C");
        ds.setString(0x00100010, VR.PN, "A");
        ds.setString(0x0008103E, VR.LO, "S");
        String json = new DicomJsonWriter().toJson(ds);
        assertEquals("{\"0008103E\":{\"vr\":\"LO\",\"Value\":[\"S\"]},\"00100010\":{\"vr\":\"PN\","
                + "\"Value\":[{\"Alphabetic\":\"A\"}]},\"00290010\":{\"vr\":\"LO\",\"Value\":[\"C\"]}}", json);
    }

    @Test
    void arraysOfDataSetsRoundTrip() throws Exception {
        List<DataSet> list = List.of(sample(false), sample(true), new DataSet());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DicomJsonWriter().prettyPrint(true).writeArray(list, out);
        List<DataSet> back = new DicomJsonReader().read(new ByteArrayInputStream(out.toByteArray())).dataSets();
        assertEquals(3, back.size());
        for (int k = 0; k < 3; k++) {
            assertNull(DataSetComparator.firstDifference(list.get(k), back.get(k)));
        }
    }
}
