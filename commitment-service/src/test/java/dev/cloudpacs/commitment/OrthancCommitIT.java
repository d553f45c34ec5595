package dev.cloudpacs.commitment;

import dev.cloudpacs.testkit.TestStudy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interoperability with Orthanc as storage commitment SCU: Orthanc stores a study into the archive with
 * {@code "StorageCommitment": true}, and gets the N-EVENT-REPORT (Orthanc waits for it on its own DICOM
 * port, so the archive opens a new association with role selection). Skipped, with a message, when
 * Orthanc (Debian package {@code orthanc}) is not installed or does not start.
 */
class OrthancCommitIT {
    private static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    private static final ObjectMapper JSON = new ObjectMapper();
    // Orthanc closes an idle keep-alive connection after 1 s (KeepAliveTimeout); the client would then send
    // the next POST down the closed connection and, POST not being idempotent, fail instead of retrying.
    // Orthanc runs with KeepAlive off, so every request has a connection of its own.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Process orthanc;
    private static String base;
    private static Path work;

    @BeforeAll
    static void startOrthanc() throws Exception {
        if (!Files.isExecutable(ORTHANC)) {
            System.out.println("OrthancCommitIT SKIPPED: " + ORTHANC + " not installed (apt-get install orthanc)");
            Assumptions.abort("Orthanc not installed");
        }
        ArchiveUnderTest archive = ArchiveUnderTest.get();
        work = Files.createTempDirectory("orthanc-commit-");
        int http = ArchiveUnderTest.freePort();
        int dicom = ArchiveUnderTest.freePort();
        Path config = work.resolve("orthanc.json");
        Files.writeString(config, """
                {"Name": "commit-it", "HttpPort": %d, "DicomPort": %d, "DicomAet": "ORTHANC",
                 "StorageDirectory": "%s", "IndexDirectory": "%s", "RemoteAccessAllowed": false,
                 "AuthenticationEnabled": false, "HttpServerEnabled": true, "KeepAlive": false, "DicomServerEnabled": true,
                 "Plugins": [],
                 "DicomModalities": {"pacs": {"AET": "PACS", "Host": "127.0.0.1", "Port": %d}}}
                """.formatted(http, dicom, work.resolve("db"), work.resolve("db"), archive.dimsePort));
        orthanc = new ProcessBuilder(ORTHANC.toString(), config.toString()).redirectErrorStream(true)
                .redirectOutput(Path.of("target/orthanc-commit.log").toFile()).start();
        base = "http://127.0.0.1:" + http;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/system")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (!orthanc.isAlive() || System.nanoTime() > deadline) {
                System.out.println("OrthancCommitIT SKIPPED: Orthanc did not start; see target/orthanc-commit.log");
                orthanc.destroyForcibly();
                Assumptions.abort("Orthanc did not start");
            }
            Thread.sleep(200);
        }
        archive.registerAe("ORTHANC", "127.0.0.1", dicom);
    }

    @AfterAll
    static void stopOrthanc() throws InterruptedException {
        if (orthanc != null) {
            orthanc.destroy();
            if (!orthanc.waitFor(20, TimeUnit.SECONDS)) {
                orthanc.destroyForcibly();
            }
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                System.err.println("cannot remove " + work + ": " + e.getMessage());
            }
        }
    }

    @Test
    void orthancStoresWithStorageCommitmentAndGetsTheReport() throws Exception {
        TestStudy study = new TestStudy("COMMIT", "ORTHANC-COMMIT", 1, 3, 16, 16, work.resolve("study"));
        for (Path f : study.files.values()) {
            JsonNode r = post("/instances", Files.readAllBytes(f), "application/dicom");
            assertEquals("Success", r.path("Status").asText(), r.toString());
        }
        String orthancStudy = post("/tools/lookup", study.studyUid.getBytes(), "text/plain").get(0).path("ID").asText();
        JsonNode job = post("/modalities/pacs/store", JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("StorageCommitment", true).put("Asynchronous", true)
                .set("Resources", JSON.createArrayNode().add(orthancStudy))), "application/json");
        String jobId = job.path("ID").asText();
        JsonNode done = poll("/jobs/" + jobId, j -> !j.path("State").asText().equals("Pending")
                && !j.path("State").asText().equals("Running"));
        assertEquals("Success", done.path("State").asText(), done.toString());
        String tx = done.path("Content").path("StorageCommitmentTransactionUID").asText(null);
        assertNotNull(tx, "no StorageCommitmentTransactionUID in " + done);
        JsonNode report = poll("/storage-commitment/" + tx, r -> !r.path("Status").asText().equals("Pending"));
        assertEquals("Success", report.path("Status").asText(), report.toString());
        List<String> committed = new ArrayList<>();
        report.path("Success").forEach(s -> committed.add(s.path("SOPInstanceUID").asText()));
        assertEquals(3, committed.size(), report.toString());
        assertTrue(committed.containsAll(study.files.keySet()), report.toString());
    }

    private static JsonNode poll(String path, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " not done within 60 s: " + last);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body()));
        return JSON.readTree(r.body());
    }

    private static JsonNode post(String path, byte[] body, String type) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body()));
        return JSON.readTree(r.body());
    }
}
