package dev.cloudpacs.dicom.core.io;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.DataSetComparator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Read -> write -> read gives the same data set, in every uncompressed syntax and length encoding. */
class RoundTripTest {
    @TempDir
    Path tmp;

    static List<Arguments> syntaxes() {
        List<Arguments> out = new ArrayList<>();
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LE, TransferSyntax.EXPLICIT_VR_LE,
                TransferSyntax.EXPLICIT_VR_BE, TransferSyntax.DEFLATED_EXPLICIT_VR_LE)) {
            for (WriteOptions.LengthEncoding le : WriteOptions.LengthEncoding.values()) {
                for (WriteOptions.GroupLength gl : WriteOptions.GroupLength.values()) {
                    out.add(Arguments.of(ts, new WriteOptions(le, gl)));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("syntaxes")
    void fileRoundTrip(TransferSyntax ts, WriteOptions opts) throws Exception {
        DataSet original = Samples.ct(16, 16);
        Path f1 = tmp.resolve("a.dcm");
        DicomWriter.writeFile(f1, original, ts, opts);
        DicomFile read1 = DicomReader.read(f1);
        assertEquals(ts.uid(), read1.transferSyntax().uid());
        assertTrue(read1.warnings().isEmpty(), () -> read1.warnings().toString());
        DataSet expected = original;
        if (!ts.explicitVR()) {
            // Implicit VR cannot carry the VR of unknown private elements: they come back as UN.
            expected = withPrivateAsUn(original);
        }
        assertNull(DataSetComparator.firstDifference(expected, read1.dataSet()));

        // Second generation, converted to another syntax and back, still equal.
        Path f2 = tmp.resolve("b.dcm");
        DicomWriter.writeFile(f2, read1.dataSet(), TransferSyntax.EXPLICIT_VR_BE, opts);
        Path f3 = tmp.resolve("c.dcm");
        DicomWriter.writeFile(f3, DicomReader.read(f2).dataSet(), ts, opts);
        assertNull(DataSetComparator.firstDifference(read1.dataSet(), DicomReader.read(f3).dataSet()));
        assertEquals("1.2.826.0.1.3680043.2.1125.1.1",
                read1.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
    }

    @ParameterizedTest
    @MethodSource("syntaxes")
    void bareDataSetRoundTrip(TransferSyntax ts, WriteOptions opts) throws Exception {
        DataSet original = Samples.ct(4, 4);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(bos, original, ts, opts);
        DataSet back = DicomReader.readDataSet(new ByteArrayInputStream(bos.toByteArray()), ts);
        DataSet expected = ts.explicitVR() ? original : withPrivateAsUn(original);
        assertNull(DataSetComparator.firstDifference(expected, back));
    }

    private static DataSet withPrivateAsUn(DataSet ds) {
        DataSet copy = new DataSet();
        copy.addAll(ds);
        for (int tag : new int[] {0x00291010, 0x00291012, 0x00291013}) {
            copy.setBytes(tag, dev.cloudpacs.dicom.core.VR.UN, copy.getBytes(tag));
        }
        return copy;
    }
}
