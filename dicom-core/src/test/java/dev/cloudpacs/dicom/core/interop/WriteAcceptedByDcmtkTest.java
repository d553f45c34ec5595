package dev.cloudpacs.dicom.core.interop;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.DataSetComparator;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Files we write are read by dcmdump exactly as we meant them, and a dcmconv round trip into the same
 * syntax and length encoding reproduces our data set byte for byte.
 */
class WriteAcceptedByDcmtkTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needDcmtk() {
        Dcmtk.assumeAvailable();
    }

    static List<Arguments> cases() {
        if (!Dcmtk.available()) {
            return List.of();
        }
        List<Arguments> out = new ArrayList<>();
        for (CorpusFile f : DcmtkCorpus.build()) {
            if (!f.name().endsWith("-ele")) {
                continue;
            }
            for (String target : List.of("ile", "ele", "ebe", "deflated")) {
                for (boolean undefined : new boolean[] {false, true}) {
                    out.add(Arguments.of(f.name() + " -> " + target + (undefined ? " (undefined lengths)" : ""),
                            f, target, undefined));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dcmtkReadsWhatWeWrite(String label, CorpusFile source, String target, boolean undefined) throws Exception {
        TransferSyntax ts = switch (target) {
            case "ile" -> TransferSyntax.IMPLICIT_VR_LE;
            case "ebe" -> TransferSyntax.EXPLICIT_VR_BE;
            case "deflated" -> TransferSyntax.DEFLATED_EXPLICIT_VR_LE;
            default -> TransferSyntax.EXPLICIT_VR_LE;
        };
        DataSet original = DicomReader.read(source.path()).dataSet();
        Path ours = tmp.resolve("ours.dcm");
        DicomWriter.writeFile(ours, original, ts, new WriteOptions(
                undefined ? WriteOptions.LengthEncoding.UNDEFINED : WriteOptions.LengthEncoding.EXPLICIT,
                WriteOptions.GroupLength.REMOVE));

        DicomFile reread = DicomReader.read(ours);
        DumpComparison.assertAgrees(label, Dcmtk.dcmdumpDataSet(ours), reread.dataSet());

        Path theirs = tmp.resolve("theirs.dcm");
        String xfer = switch (target) {
            case "ile" -> "+ti";
            case "ebe" -> "+tb";
            case "deflated" -> "+td";
            default -> "+te";
        };
        Dcmtk.dcmconv(ours, theirs, xfer, undefined ? "-e" : "+e", "-g", "-p=");
        assertArrayEquals(Part10Bytes.dataSet(ours), Part10Bytes.dataSet(theirs), label + ": data set bytes after a dcmconv round trip");
        assertNull(DataSetComparator.firstDifference(reread.dataSet(), DicomReader.read(theirs).dataSet()));
    }
}
