package dev.cloudpacs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudpacs.dicom.core.util.UIDs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STOW-RS through the same pipeline as C-STORE, with the PS3.18 response semantics. */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class StowRsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "cloudpacs-test-boundary-7d1f";

    Path tmp;

    @org.junit.jupiter.api.BeforeEach
    void tempDir() throws java.io.IOException {
        // @TempDir is not injected into @QuarkusTest instances; a plain temp directory does the job.
        tmp = java.nio.file.Files.createTempDirectory("ingest-test-");
    }

    static byte[] multipart(List<byte[]> parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(p);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static Response post(String path, byte[] body) {
        return given().contentType("multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
                .body(body).post(path);
    }

    /** As {@link #post(String, byte[])}, with this {@code Authorization}. */
    static Response post(String path, byte[] body, String authorization) {
        return given().header("Authorization", authorization)
                .contentType("multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
                .body(body).post(path);
    }

    @Test
    void storesEveryPartAndAnswersWithReferencedSopSequence() throws Exception {
        String study = UIDs.generate();
        List<Path> files = TestObjects.study(tmp, study, 3);
        byte[] body = multipart(files.stream().map(StowRsTest::read).toList());
        Response r = post("/dicomweb/studies", body);
        assertEquals(200, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/dicom+json"), r.contentType());
        JsonNode json = JSON.readTree(r.asString());
        assertEquals(3, json.path("00081199").path("Value").size());
        assertTrue(json.path("00081199").path("Value").path(0).path("00081190").path("Value").path(0).asText()
                .contains("/dicomweb/studies/" + study + "/instances/"));
        CStoreIngestTest.assertStored(study, files, "STOW-RS");
    }

    @Test
    void partialFailureIs202AndTotalFailureIs409() throws Exception {
        String study = UIDs.generate();
        List<Path> files = TestObjects.study(tmp, study, 1);
        byte[] garbage = "this is not DICOM".getBytes(StandardCharsets.US_ASCII);
        Response mixed = post("/dicomweb/studies", multipart(List.of(read(files.get(0)), garbage)));
        assertEquals(202, mixed.statusCode(), mixed.asString());
        JsonNode json = JSON.readTree(mixed.asString());
        assertEquals(1, json.path("00081199").path("Value").size());
        assertEquals(1, json.path("00081198").path("Value").size());
        assertEquals(0xC000, json.path("00081198").path("Value").path(0).path("00081197").path("Value").path(0).asInt());

        Response none = post("/dicomweb/studies", multipart(List.of(garbage)));
        assertEquals(409, none.statusCode(), none.asString());
    }

    @Test
    void studyInThePathMustMatch() throws Exception {
        List<Path> files = TestObjects.study(tmp, UIDs.generate(), 1);
        long before = BadInputTest.storedFiles();
        Response r = post("/dicomweb/studies/" + UIDs.generate(), multipart(List.of(read(files.get(0)))));
        assertEquals(409, r.statusCode(), r.asString());
        // A failed part leaves nothing behind: no row, no object.
        String iuid = files.get(0).getFileName().toString().replace(".dcm", "");
        org.junit.jupiter.api.Assertions.assertNull(IndexRows.instance(iuid));
        assertEquals(before, BadInputTest.storedFiles());
        assertEquals(400, post("/dicomweb/studies/..%2Fetc", multipart(List.of(read(files.get(0))))).statusCode());
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
