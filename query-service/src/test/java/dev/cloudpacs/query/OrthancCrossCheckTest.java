package dev.cloudpacs.query;

import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A second opinion on matching: the same corpus stored into Orthanc (Debian package {@code orthanc})
 * gives the same studies for the same study-level C-FIND queries. Skipped, visibly, without Orthanc.
 */
@QuarkusTest
@QuarkusTestResource(FrontDoorResource.class)
class OrthancCrossCheckTest {
    private static final String[] QUERIES = {
            "PatientID=P001",
            "PatientName=SMITH*",
            "PatientName=*SON^*",
            "PatientName=D?E^JANE",
            "StudyDate=20240101-20240131",
            "StudyDate=-20231231",
            "StudyDate=20240201-",
            "StudyTime=0800-1000",
            "ModalitiesInStudy=CT",
            "ModalitiesInStudy=MR\\US",
            "AccessionNumber=A*",
            "StudyDescription=CT*",
            "PatientSex=F",
            "PatientID=NOBODY",
    };

    @Test
    void orthancFindsTheSameStudies() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/Orthanc")) || Files.isExecutable(Path.of("/usr/bin/Orthanc"));
        if (!installed) {
            System.err.println("SKIPPED: Orthanc is not installed (apt-get install orthanc): no cross-check");
        }
        Assumptions.assumeTrue(installed, "Orthanc is not installed");
        Corpus corpus = Corpus.stored();
        Path dir = Files.createTempDirectory("orthanc-");
        int dicom = FrontDoorResource.freePort();
        int http = FrontDoorResource.freePort();
        Files.writeString(dir.resolve("config.json"), """
                { "Name": "crosscheck", "StorageDirectory": "%s/storage", "IndexDirectory": "%s/index",
                  "DicomAet": "ORTHANC", "DicomPort": %d, "HttpPort": %d, "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false, "DicomCheckCalledAet": false, "DicomAlwaysAllowFind": true,
                  "DicomAlwaysAllowStore": true, "Plugins": [] }
                """.formatted(dir, dir, dicom, http));
        Process orthanc = new ProcessBuilder("Orthanc", dir.resolve("config.json").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        try {
            awaitPort(dicom, orthanc);
            corpus.store(Files.createTempDirectory("orthanc-corpus-"), dicom, "ORTHANC");
            StringBuilder differences = new StringBuilder();
            for (String query : QUERIES) {
                int eq = query.indexOf('=');
                Map<String, String> keys = new LinkedHashMap<>();
                keys.put(query.substring(0, eq), query.substring(eq + 1));
                keys.putIfAbsent("AccessionNumber", "");
                var theirs = ArchiveClient.find(dicom, "ORTHANC", QueryRetrieveScu.STUDY_ROOT_FIND,
                        ArchiveClient.identifier("STUDY", keys));
                var ours = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND, ArchiveClient.identifier("STUDY", keys));
                Set<String> o = MatchingTest.accessions(ours.matches());
                Set<String> t = MatchingTest.accessions(theirs.matches());
                if (theirs.status() != Status.SUCCESS || ours.status() != Status.SUCCESS || !o.equals(t)) {
                    differences.append(String.format("%s: ours %s (%04X), Orthanc %s (%04X)%n", query, o, ours.status(),
                            t, theirs.status()));
                }
            }
            assertEquals("", differences.toString());
        } finally {
            orthanc.destroy();
            if (!orthanc.waitFor(20, TimeUnit.SECONDS)) {
                orthanc.destroyForcibly();
            }
        }
    }

    private static void awaitPort(int port, Process p) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Orthanc exited with " + p.exitValue());
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Orthanc did not listen on " + port);
    }
}
