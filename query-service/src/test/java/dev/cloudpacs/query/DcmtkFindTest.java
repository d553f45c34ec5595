package dev.cloudpacs.query;

import dev.cloudpacs.dicom.core.interop.Dcmtk;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DCMTK findscu through the front door finds what our SCU finds (and what the corpus says). */
@QuarkusTest
@QuarkusTestResource(FrontDoorResource.class)
class DcmtkFindTest {
    private static final Pattern ACCESSION = Pattern.compile("\\(0008,0050\\) SH \\[([^]]*)]");

    private static final String[][] CASES = {
            {"PatientName=SMITH*", "A1 A2 A3"},
            {"StudyDate=20240101-20240131", "A1 A4"},
            {"ModalitiesInStudy=CT", "A1 A4"},
            {"AccessionNumber=A5", "A5"},
    };

    @Test
    void findscuAgreesWithOurScu() throws Exception {
        Dcmtk.assumeAvailable();
        Corpus.stored();
        for (String[] c : CASES) {
            String[] kv = c[0].split("=", 2);
            Set<String> viaDcmtk = findscu(kv[0], kv[1]);
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put(kv[0], kv[1]);
            keys.putIfAbsent("AccessionNumber", "");
            var ours = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND, ArchiveClient.identifier("STUDY", keys));
            assertEquals(Status.SUCCESS, ours.status());
            assertEquals(MatchingTest.accessions(ours.matches()), viaDcmtk, c[0]);
            assertEquals(MatchingTest.words(c[1]), viaDcmtk, c[0]);
        }
    }

    @Test
    void findscuSeesTheFailureStatusInWords() throws Exception {
        Dcmtk.assumeAvailable();
        Process p = new ProcessBuilder("findscu", "-v", "-S", "-aec", "PACS", "-k", "QueryRetrieveLevel=SERIES",
                "-k", "Modality=CT", "127.0.0.1", Integer.toString(FrontDoorResource.dimsePort))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // A Study Root series query without the Study Instance UID: A900 with our comment.
        String lower = out.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        // DCMTK names status A900 "DataSetDoesNotMatchSOPClass" (the same code for C-STORE and C-FIND).
        assertTrue(lower.contains("doesnotmatchsopclass") || lower.contains("0xa900"), out);
    }

    private static Set<String> findscu(String key, String value) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("findscu", "-v", "-S", "-aet", "FINDSCU", "-aec", "PACS",
                "-k", "QueryRetrieveLevel=STUDY", "-k", key + "=" + value));
        if (!key.equals("AccessionNumber")) {
            cmd.addAll(List.of("-k", "AccessionNumber"));
        }
        cmd.addAll(List.of("127.0.0.1", Integer.toString(FrontDoorResource.dimsePort)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        Set<String> found = new TreeSet<>();
        Matcher m = ACCESSION.matcher(out);
        while (m.find()) {
            if (!m.group(1).isEmpty()) {
                found.add(m.group(1));
            }
        }
        return found;
    }
}
