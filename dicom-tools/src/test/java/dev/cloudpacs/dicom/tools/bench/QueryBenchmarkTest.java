package dev.cloudpacs.dicom.tools.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryBenchmarkTest {
    @Test
    void countsTopLevelObjectsOnly() throws Exception {
        String body = "[{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"DOE^JOHN\"}]}},"
                + "{\"00080061\":{\"vr\":\"CS\",\"Value\":[\"CT\",\"PT\"]}}]";
        assertEquals(2, QueryBenchmark.countObjects(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, QueryBenchmark.countObjects("[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, QueryBenchmark.countObjects(new byte[0]));
    }

    @Test
    void percentilesOfSortedSamples() {
        long[] v = new long[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        assertEquals(100, QueryBenchmark.percentile(v, 50));
        assertEquals(198, QueryBenchmark.percentile(v, 99));
        assertEquals(1, QueryBenchmark.percentile(new long[]{1}, 99));
    }

    @Test
    void qidoValuesPercentEncodedExceptForOrthanc() {
        QueryBenchmark.Qido standard = new QueryBenchmark.Qido("http://h/dicomweb/", false);
        QueryBenchmark.Qido orthanc = new QueryBenchmark.Qido("http://h/dicom-web", true);
        assertEquals("VAN+DEN+BERG%5EL*", standard.enc("VAN DEN BERG^L*"));
        assertEquals("VAN?DEN?BERG?L*", orthanc.enc("VAN DEN BERG^L*"));
        assertEquals("20200101-20200131", orthanc.enc("20200101-20200131"));
    }

    @Test
    void keysFileGroupedByKind(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("keys.txt");
        Files.writeString(f, "# comment\nPatientID\tPID0000001\nPatientID\tPID0000002\nStudyDate\t20200101-20200131\n");
        Map<String, List<String>> keys = QueryBenchmark.readKeys(f);
        assertEquals(2, keys.get("PatientID").size());
        assertEquals(List.of("20200101-20200131"), keys.get("StudyDate"));
    }
}
