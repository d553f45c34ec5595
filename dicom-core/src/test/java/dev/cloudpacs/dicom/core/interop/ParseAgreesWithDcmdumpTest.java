package dev.cloudpacs.dicom.core.interop;

import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our parse of every corpus file agrees with dcmdump's, element by element: nesting, tag, VR, length,
 * VM and value (string values byte for byte, numbers by value, binary values as hex).
 */
class ParseAgreesWithDcmdumpTest {
    @BeforeAll
    static void needDcmtk() {
        Dcmtk.assumeAvailable();
    }

    static List<CorpusFile> corpus() {
        return Dcmtk.available() ? DcmtkCorpus.build() : List.of();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void elementByElement(CorpusFile file) throws IOException {
        // Small bulk threshold so values by reference are exercised too.
        DicomFile ours = DicomReader.read(file.path(), ReadOptions.DEFAULT.withBulkDataThreshold(64));
        assertEquals(file.transferSyntaxUid(), ours.transferSyntax().uid(), "transfer syntax");
        DumpComparison.assertAgrees(file.name(), Dcmtk.dcmdumpDataSet(file.path()), ours.dataSet());
    }
}
