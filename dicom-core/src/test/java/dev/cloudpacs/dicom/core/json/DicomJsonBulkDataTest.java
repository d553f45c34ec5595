package dev.cloudpacs.dicom.core.json;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk data options of the writer, and the character set the reader chooses. */
class DicomJsonBulkDataTest {
    @TempDir
    Path tmp;

    private static DataSet withPixelData() {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        ds.setBytes(0x00091010, VR.OB, new byte[16]);
        ds.setBytes(0x00091011, VR.OB, new byte[4]);
        DataSet item = ds.newSequence(Tag.ReferencedImageSequence, 1).addItem();
        item.setBytes(0x00091010, VR.OW, new byte[] {1, 2});
        Fragments f = new Fragments();
        f.add(new byte[0]);
        f.add(new byte[] {1, 2, 3, 4});
        ds.setValue(Tag.PixelData, VR.OB, f);
        return ds;
    }

    @Test
    void encapsulatedPixelDataNeedsAUri() throws Exception {
        String json = new DicomJsonWriter().toJson(withPixelData());
        assertFalse(json.contains("7FE00010"), json);
        assertTrue(json.contains("\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}"), json);
    }

    @Test
    void providerGetsThePathAndReplacesValues() throws Exception {
        List<String> asked = new ArrayList<>();
        BulkDataUriProvider provider = (ds, path, value) -> {
            asked.add(Arrays.toString(path) + value.getClass().getSimpleName());
            return value instanceof Fragments || path.length > 1 ? "bulk/" + Integer.toHexString(path[path.length - 1]) : null;
        };
        String json = new DicomJsonWriter().bulkDataUriProvider(provider).toJson(withPixelData());
        assertTrue(json.contains("\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"bulk/7fe00010\"}"), json);
        assertTrue(json.contains("[{\"00091010\":{\"vr\":\"OW\",\"BulkDataURI\":\"bulk/91010\"}}]"), json);
        assertEquals(List.of("[528704, 0, 593936]byte[]", "[593936]byte[]", "[593937]byte[]", "[2145386512]Fragments"),
                asked);

        DicomJsonReader.Result r = new DicomJsonReader().read(json);
        assertEquals(2, r.unresolvedBulkData().size());
        BulkDataReference ref = r.unresolvedBulkData().get(0);
        assertEquals("00081140[0].00091010", ref.path());
        assertEquals(VR.OW, ref.vr());
        ref.dataSet().setBytes(ref.tag(), ref.vr(), new byte[] {1, 2});
        assertArrayEquals(new byte[] {1, 2}, r.single().getItem(Tag.ReferencedImageSequence).getBytes(0x00091010));
    }

    @Test
    void bulkDataCanBeLeftOutOrCappedForIndexes() throws Exception {
        String none = new DicomJsonWriter().includeBulkData(false).toJson(withPixelData());
        assertEquals("{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]},\"00081140\":{\"vr\":\"SQ\",\"Value\":[{}]}}", none);

        String capped = new DicomJsonWriter().maxInlineLength(4).toJson(withPixelData());
        assertFalse(capped.contains("00091010\":{\"vr\":\"OB"), capped);
        assertTrue(capped.contains("\"00091011\":{\"vr\":\"OB\",\"InlineBinary\":\"AAAAAA==\"}"), capped);
    }

    @Test
    void valuesLeftInTheirFileAreLoaded() throws Exception {
        Path file = tmp.resolve("values.bin");
        byte[] text = "Long text held in the file".getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[8 + text.length];
        content[4] = 0x12; // big endian OW word 0x1234 at offset 4
        content[5] = 0x34;
        System.arraycopy(text, 0, content, 8, text.length);
        Files.write(file, content);
        DataSet ds = new DataSet();
        ds.setValue(0x00091010, VR.OW, new BulkData(file, 4, 2, true));
        ds.setValue(0x00091020, VR.UT, new BulkData(file, 8, text.length, false));
        String json = new DicomJsonWriter().toJson(ds);
        assertEquals("{\"00091010\":{\"vr\":\"OW\",\"InlineBinary\":\"" + Base64.getEncoder().encodeToString(new byte[] {0x34, 0x12})
                + "\"},\"00091020\":{\"vr\":\"UT\",\"Value\":[\"Long text held in the file\"]}}", json);
    }

    @Test
    void declaredCharacterSetIsKeptWhenItCanEncodeTheText() throws Exception {
        DataSet ds = new DicomJsonReader().readDataSet("""
                {"00080005": {"vr": "CS", "Value": ["ISO_IR 100"]},
                 "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Müller^Hans"}]}}""");
        assertEquals("ISO_IR 100", ds.getString(Tag.SpecificCharacterSet));
        assertArrayEquals("Müller^Hans".getBytes(StandardCharsets.ISO_8859_1), trim(ds.getBytes(Tag.PatientName)));
    }

    @Test
    void utf8IsChosenWhenNeeded() throws Exception {
        DicomJsonReader reader = new DicomJsonReader();
        DataSet none = reader.readDataSet("{\"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Alphabetic\": \"Wang^XiaoDong\"}]}}");
        assertNull(none.getString(Tag.SpecificCharacterSet));

        DataSet added = reader.readDataSet("{\"00100010\": {\"vr\": \"PN\", \"Value\": [{\"Ideographic\": \"王^小東\"}]}}");
        assertEquals("ISO_IR 192", added.getString(Tag.SpecificCharacterSet));
        assertEquals("=王^小東", added.getString(Tag.PatientName));

        DataSet replaced = reader.readDataSet("""
                {"00080005": {"vr": "CS", "Value": ["ISO_IR 100"]},
                 "00081140": {"vr": "SQ", "Value": [{"00100010": {"vr": "PN", "Value": [{"Alphabetic": "王^小東"}]}}]}}""");
        assertEquals("ISO_IR 192", replaced.getString(Tag.SpecificCharacterSet));
        assertEquals("王^小東", replaced.getItem(Tag.ReferencedImageSequence).getString(Tag.PatientName));

        DataSet nested = reader.readDataSet("""
                {"00081140": {"vr": "SQ", "Value": [{"00080005": {"vr": "CS", "Value": ["ISO_IR 100"]},
                                                    "00100010": {"vr": "PN", "Value": [{"Alphabetic": "Ärger"}]}}]}}""");
        assertNull(nested.getString(Tag.SpecificCharacterSet));
        DataSet item = nested.getItem(Tag.ReferencedImageSequence);
        assertEquals("ISO_IR 100", item.getString(Tag.SpecificCharacterSet));
        assertEquals("Ärger", item.getString(Tag.PatientName));
    }

    private static byte[] trim(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == ' ') {
            n--;
        }
        return Arrays.copyOf(b, n);
    }
}
