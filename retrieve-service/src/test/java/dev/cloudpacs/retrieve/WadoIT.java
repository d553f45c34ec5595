package dev.cloudpacs.retrieve;

import dev.cloudpacs.contracts.retrieve.GetStream;
import dev.cloudpacs.testkit.TestStudy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.DataSetComparator;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import dev.cloudpacs.testkit.AccessTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WADO-RS and WADO-URI end to end: objects are stored through the real DIMSE front door, then fetched
 * from retrieve-service's jar over HTTP (curl where the issue asks for it, else the JDK client).
 *
 * <p>"Identical" is checked at two levels: every returned Part 10 file equals, byte for byte, the file
 * storage holds for that instance ({@code instance.storage_key} under the storage root); and the data
 * set in it (the bytes after the File Meta Information) equals, byte for byte, the data set of the file
 * the modality sent (the front door writes its own meta header and keeps the data set as received).
 */
class WadoIT {
    private static final String EXPLICIT_LE = TransferSyntax.EXPLICIT_VR_LE.uid();
    private static final String IMPLICIT_LE = TransferSyntax.IMPLICIT_VR_LE.uid();
    private static final String UNKNOWN_UID = "1.2.826.0.1.3680043.2.1125.999999";

    private static ArchiveUnderTest archive;
    private static TestStudy study;
    private static WadoObjects objects;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void store() throws IOException {
        archive = ArchiveUnderTest.get();
        Path dir = Files.createTempDirectory("wado-it-");
        study = new TestStudy("RETRIEVE", "WADO1", 2, 3, 64, 64, dir.resolve("study")).storeTo(archive.dimsePort);
        objects = new WadoObjects(dir.resolve("objects")).storeTo(archive.dimsePort);
    }

    // ---- WADO-RS: instances ------------------------------------------------------------------------

    @Test
    void retrievingNeedsATokenWithTheReadRole() throws Exception {
        String path = "/dicomweb/studies/" + objects.studyUid + "/metadata";
        URI uri = URI.create(archive.retrieveUrl() + path);
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="),
                anonymous.headers().toString());
        assertEquals("application/problem+json", anonymous.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> uploader = HTTP.send(HttpRequest.newBuilder(uri)
                .header("Authorization", AccessTokens.bearer("uploader")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, uploader.statusCode(), uploader.body());
        HttpResponse<String> wadoUri = HTTP.send(HttpRequest.newBuilder(URI.create(archive.retrieveUrl()
                + "/wado?requestType=WADO&studyUID=" + objects.studyUid + "&seriesUID=" + objects.seriesUid
                + "&objectUID=" + objects.jpegUid)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wadoUri.statusCode(), wadoUri.body());
        assertEquals(200, get(path, null).statusCode(), "the reader may");
    }

    @Test
    void theInternalGetCallIsNotOnThePublicPort() throws Exception {
        // The front door's C-GET (GetIT) reaches /internal/get on the management port only.
        HttpResponse<byte[]> r = HTTP.send(reader(URI.create(archive.retrieveUrl()
                        + GetStream.PATH))
                .header("Content-Type", GetStream.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(404, r.statusCode());
        assertEquals(404, get("/q/metrics", null).statusCode());
    }

    @Test
    void studyRetrieveWithCurlReturnsTheStoredFilesByteForByte() throws Exception {
        Curl r = curl(archive.retrieveUrl() + "/dicomweb/studies/" + study.studyUid);
        assertEquals(200, r.status, r.bodyText());
        assertEquals("application/dicom", Multipart.param(r.contentType(), "type"));
        List<Multipart.Part> parts = Multipart.parse(r.body, r.contentType());
        assertEquals(study.files.size(), parts.size());
        List<String> seen = new ArrayList<>();
        for (Multipart.Part p : parts) {
            assertEquals("application/dicom; transfer-syntax=" + EXPLICIT_LE, p.contentType());
            String location = p.headers().get("content-location");
            String iuid = location.substring(location.lastIndexOf('/') + 1);
            assertTrue(location.startsWith(archive.retrieveUrl() + "/dicomweb/studies/" + study.studyUid + "/series/"),
                    location);
            assertIdenticalToStored(iuid, p.body(), study.files.get(iuid));
            seen.add(iuid);
        }
        assertEquals(study.sopInstanceUids(), seen, "every instance once, in the order they were stored");
    }

    @Test
    void seriesRetrieveTranscodesToImplicitVrLittleEndian() throws Exception {
        String series = study.seriesUids.get(1);
        HttpResponse<byte[]> r = get("/dicomweb/studies/" + study.studyUid + "/series/" + series,
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + IMPLICIT_LE);
        assertEquals(200, r.statusCode(), text(r));
        List<Multipart.Part> parts = parts(r);
        assertEquals(3, parts.size());
        for (Multipart.Part p : parts) {
            assertEquals("application/dicom; transfer-syntax=" + IMPLICIT_LE, p.contentType());
            DicomFile got = DicomReader.read(new ByteArrayInputStream(p.body()));
            assertTrue(got.warnings().isEmpty(), got.warnings().toString());
            assertEquals(IMPLICIT_LE, got.fileMeta().getString(Tag.TransferSyntaxUID));
            assertEquals(IMPLICIT_LE, got.transferSyntax().uid());
            DataSet sent = DicomReader.read(study.files.get(got.sopInstanceUid())).dataSet();
            assertEquals(series, got.dataSet().getString(Tag.SeriesInstanceUID));
            assertArrayEquals(sent.getBytes(Tag.PixelData), got.dataSet().getBytes(Tag.PixelData));
            assertNull(DataSetComparator.firstDifference(sent, got.dataSet()), "same attributes and values");
        }
    }

    @Test
    void instanceRetrieveAcceptsWildcardsBareDicomAndAnySyntax() throws Exception {
        String iuid = study.sopInstanceUids().get(0);
        String path = "/dicomweb/studies/" + study.studyUid + "/series/" + study.seriesUids.get(0) + "/instances/" + iuid;
        for (String accept : Arrays.asList(null, "*/*", "application/dicom", "multipart/related; type=application/dicom",
                "multipart/related; type=\"application/dicom\"; transfer-syntax=*",
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + EXPLICIT_LE,
                "application/json, multipart/related; type=\"application/dicom\"; q=0.5")) {
            HttpResponse<byte[]> r = get(path, accept);
            assertEquals(200, r.statusCode(), accept + ": " + text(r));
            List<Multipart.Part> parts = parts(r);
            assertEquals(1, parts.size(), accept);
            assertIdenticalToStored(iuid, parts.get(0).body(), study.files.get(iuid));
        }
    }

    @Test
    void bigEndianObjectIsTranscodedToLittleEndianWithTheSamePixels() throws Exception {
        HttpResponse<byte[]> r = get(instancePath(objects.bigEndianUid),
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + EXPLICIT_LE);
        assertEquals(200, r.statusCode(), text(r));
        DicomFile got = DicomReader.read(new ByteArrayInputStream(parts(r).get(0).body()));
        assertEquals(EXPLICIT_LE, got.transferSyntax().uid());
        assertArrayEquals(objects.bigEndianPixels, got.dataSet().getBytes(Tag.PixelData));
        assertEquals(WadoObjects.ROWS, got.dataSet().getInt(Tag.Rows, 0));

        String deflated = TransferSyntax.DEFLATED_EXPLICIT_VR_LE.uid();
        HttpResponse<byte[]> d = get(instancePath(objects.bigEndianUid),
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + deflated);
        assertEquals(200, d.statusCode(), text(d));
        DicomFile inflated = DicomReader.read(new ByteArrayInputStream(parts(d).get(0).body()));
        assertEquals(deflated, inflated.fileMeta().getString(Tag.TransferSyntaxUID));
        assertArrayEquals(objects.bigEndianPixels, inflated.dataSet().getBytes(Tag.PixelData));
    }

    @Test
    void syntaxesThatCannotBeProducedAre406AndMixedStudiesPartial() throws Exception {
        HttpResponse<byte[]> jpeg = get(instancePath(objects.jpegUid),
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + EXPLICIT_LE);
        assertEquals(406, jpeg.statusCode());
        assertTrue(text(jpeg).contains("does not decompress"), text(jpeg));
        assertTrue(jpeg.headers().firstValue("Warning").orElse("").startsWith("299 "));

        HttpResponse<byte[]> toJpeg = get(instancePath(objects.multiFrameUid),
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + WadoObjects.JPEG_BASELINE);
        assertEquals(406, toJpeg.statusCode(), text(toJpeg));

        HttpResponse<byte[]> notDicom = get(instancePath(objects.multiFrameUid), "application/json");
        assertEquals(406, notDicom.statusCode(), text(notDicom));

        // The JPEG object cannot be sent in Explicit VR LE, the other two can: 206 and a Warning.
        HttpResponse<byte[]> mixed = get("/dicomweb/studies/" + objects.studyUid,
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + EXPLICIT_LE);
        assertEquals(206, mixed.statusCode(), text(mixed));
        assertEquals(2, parts(mixed).size());
        assertTrue(mixed.headers().firstValue("Warning").orElse("").contains("1 of 3 instances"),
                mixed.headers().map().toString());

        // transfer-syntax=* (or the stored one) sends the JPEG object as stored.
        HttpResponse<byte[]> asStored = get(instancePath(objects.jpegUid),
                "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        assertEquals(200, asStored.statusCode());
        Multipart.Part p = parts(asStored).get(0);
        assertEquals("application/dicom; transfer-syntax=" + WadoObjects.JPEG_BASELINE, p.contentType());
        assertIdenticalToStored(objects.jpegUid, p.body(), file(objects.jpegUid));
    }

    @Test
    void unknownStudyIs404AndMalformedUidIs400() throws Exception {
        HttpResponse<byte[]> unknown = get("/dicomweb/studies/" + UNKNOWN_UID, null);
        assertEquals(404, unknown.statusCode());
        assertTrue(text(unknown).contains(UNKNOWN_UID), text(unknown));
        assertTrue(unknown.headers().firstValue("Warning").isPresent());
        HttpResponse<byte[]> unknownInstance = get("/dicomweb/studies/" + study.studyUid + "/series/"
                + study.seriesUids.get(0) + "/instances/" + UNKNOWN_UID, null);
        assertEquals(404, unknownInstance.statusCode());
        HttpResponse<byte[]> bad = get("/dicomweb/studies/1.2.abc", null);
        assertEquals(400, bad.statusCode());
        assertTrue(text(bad).contains("1.2.abc"), text(bad));
        assertEquals(400, get("/dicomweb/studies/" + study.studyUid + "/series/01.2/metadata", null).statusCode());
    }

    // ---- WADO-RS: metadata and bulk data -----------------------------------------------------------

    @Test
    void metadataHasTheAttributesAndBulkDataUrisThatReturnThePixels() throws Exception {
        HttpResponse<byte[]> r = get("/dicomweb/studies/" + study.studyUid + "/metadata", "application/dicom+json");
        assertEquals(200, r.statusCode(), text(r));
        assertEquals("application/dicom+json", Multipart.mediaType(r.headers().firstValue("Content-Type").orElseThrow()));
        JsonNode array = JSON.readTree(r.body());
        assertEquals(study.files.size(), array.size());
        for (JsonNode o : array) {
            String iuid = o.path("00080018").path("Value").path(0).asText();
            DataSet sent = DicomReader.read(study.files.get(iuid)).dataSet();
            assertEquals(study.studyUid, o.path("0020000D").path("Value").path(0).asText());
            assertEquals("WADO1", o.path("00100020").path("Value").path(0).asText());
            assertEquals("RETRIEVE^WADO1", o.path("00100010").path("Value").path(0).path("Alphabetic").asText());
            assertEquals(64, o.path("00280010").path("Value").path(0).asInt());
            JsonNode pixel = o.path("7FE00010");
            assertEquals("OW", pixel.path("vr").asText());
            String uri = pixel.path("BulkDataURI").asText();
            assertTrue(uri.startsWith(archive.retrieveUrl() + "/dicomweb/studies/" + study.studyUid + "/series/"), uri);
            assertTrue(uri.endsWith("/instances/" + iuid + "/bulk/7FE00010"), uri);
            HttpResponse<byte[]> bulk = HTTP.send(reader(URI.create(uri)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, bulk.statusCode(), text(bulk));
            List<Multipart.Part> parts = parts(bulk);
            assertEquals(1, parts.size());
            assertEquals("application/octet-stream", Multipart.mediaType(parts.get(0).contentType()));
            assertArrayEquals(sent.getBytes(Tag.PixelData), parts.get(0).body());
        }
        String series = study.seriesUids.get(0);
        assertEquals(3, JSON.readTree(get("/dicomweb/studies/" + study.studyUid + "/series/" + series + "/metadata",
                null).body()).size());
        String iuid = study.sopInstanceUids().get(1);
        JsonNode one = JSON.readTree(get("/dicomweb/studies/" + study.studyUid + "/series/" + series + "/instances/"
                + iuid + "/metadata", "application/json").body());
        assertEquals(1, one.size());
        assertEquals(iuid, one.path(0).path("00080018").path("Value").path(0).asText());
        assertEquals(406, get("/dicomweb/studies/" + study.studyUid + "/metadata",
                "multipart/related; type=\"application/dicom+xml\"").statusCode());
    }

    @Test
    void nestedBulkDataAndEncapsulatedPixelDataHaveUrisToo() throws Exception {
        JsonNode mf = JSON.readTree(get(instancePath(objects.multiFrameUid) + "/metadata", null).body()).path(0);
        String icon = mf.path("00880200").path("Value").path(0).path("7FE00010").path("BulkDataURI").asText();
        assertTrue(icon.endsWith("/bulk/00880200/0/7FE00010"), icon);
        HttpResponse<byte[]> r = HTTP.send(reader(URI.create(icon)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(objects.iconPixels, parts(r).get(0).body());

        JsonNode jpeg = JSON.readTree(get(instancePath(objects.jpegUid) + "/metadata", null).body()).path(0);
        String uri = jpeg.path("7FE00010").path("BulkDataURI").asText();
        HttpResponse<byte[]> frames = HTTP.send(reader(URI.create(uri))
                .header("Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, frames.statusCode(), text(frames));
        List<Multipart.Part> parts = parts(frames);
        assertEquals(2, parts.size());
        assertArrayEquals(objects.jpegFrame1, parts.get(0).body());
        assertArrayEquals(objects.jpegFrame2, parts.get(1).body());

        HttpResponse<byte[]> big = get(instancePath(objects.bigEndianUid) + "/bulk/7FE00010", null);
        assertArrayEquals(objects.bigEndianPixels, parts(big).get(0).body(), "bulk data is little endian");
        assertEquals(404, get(instancePath(objects.bigEndianUid) + "/bulk/00281201", null).statusCode());
        assertEquals(400, get(instancePath(objects.bigEndianUid) + "/bulk/7FE0001", null).statusCode());
    }

    // ---- WADO-RS: frames ---------------------------------------------------------------------------

    @Test
    void framesOfANativeMultiFrameImageAreSlicesOfItsPixelData() throws Exception {
        int frameLength = WadoObjects.ROWS * WadoObjects.COLUMNS * 2;
        HttpResponse<byte[]> r = get(instancePath(objects.multiFrameUid) + "/frames/2",
                "multipart/related; type=\"application/octet-stream\"");
        assertEquals(200, r.statusCode(), text(r));
        List<Multipart.Part> parts = parts(r);
        assertEquals(1, parts.size());
        assertEquals("application/octet-stream; transfer-syntax=" + EXPLICIT_LE, parts.get(0).contentType());
        assertArrayEquals(Arrays.copyOfRange(objects.multiFramePixels, frameLength, 2 * frameLength),
                parts.get(0).body());

        List<Multipart.Part> two = parts(get(instancePath(objects.multiFrameUid) + "/frames/3,1", null));
        assertEquals(2, two.size());
        assertArrayEquals(Arrays.copyOfRange(objects.multiFramePixels, 2 * frameLength, 3 * frameLength), two.get(0).body());
        assertArrayEquals(Arrays.copyOfRange(objects.multiFramePixels, 0, frameLength), two.get(1).body());

        HttpResponse<byte[]> out = get(instancePath(objects.multiFrameUid) + "/frames/4", null);
        assertEquals(404, out.statusCode());
        assertTrue(text(out).contains("has 3 frames"), text(out));
        assertEquals(400, get(instancePath(objects.multiFrameUid) + "/frames/x", null).statusCode());
        assertEquals(400, get(instancePath(objects.multiFrameUid) + "/frames/0", null).statusCode());
    }

    @Test
    void compressedFramesPassThroughWhenAskedFor() throws Exception {
        HttpResponse<byte[]> r = get(instancePath(objects.jpegUid) + "/frames/2",
                "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        assertEquals(200, r.statusCode(), text(r));
        Multipart.Part p = parts(r).get(0);
        assertEquals("application/octet-stream; transfer-syntax=" + WadoObjects.JPEG_BASELINE, p.contentType());
        assertArrayEquals(objects.jpegFrame2, p.body(), "frame 2 spans two fragments; the offset table joins them");

        HttpResponse<byte[]> jpeg = get(instancePath(objects.jpegUid) + "/frames/1",
                "multipart/related; type=\"image/jpeg\"");
        assertEquals(200, jpeg.statusCode(), text(jpeg));
        assertEquals("image/jpeg", Multipart.param(jpeg.headers().firstValue("Content-Type").orElseThrow(), "type"));
        assertArrayEquals(objects.jpegFrame1, parts(jpeg).get(0).body());

        HttpResponse<byte[]> decoded = get(instancePath(objects.jpegUid) + "/frames/1",
                "multipart/related; type=\"application/octet-stream\"");
        assertEquals(406, decoded.statusCode(), "uncompressed frames of a JPEG object would need a decoder");
    }

    // ---- WADO-URI ----------------------------------------------------------------------------------

    @Test
    void wadoUriWithCurlReturnsTheStoredFile() throws Exception {
        String iuid = study.sopInstanceUids().get(4);
        String series = study.seriesUids.get(1);
        String url = archive.retrieveUrl() + "/wado?requestType=WADO&studyUID=" + study.studyUid + "&seriesUID="
                + series + "&objectUID=" + iuid + "&contentType=application%2Fdicom";
        Curl r = curl(url);
        assertEquals(200, r.status, r.bodyText());
        assertEquals("application/dicom", Multipart.mediaType(r.contentType()));
        assertIdenticalToStored(iuid, r.body, study.files.get(iuid));

        Curl implicit = curl(url + "&transferSyntax=" + IMPLICIT_LE);
        assertEquals(200, implicit.status, implicit.bodyText());
        DicomFile got = DicomReader.read(new ByteArrayInputStream(implicit.body));
        assertEquals(IMPLICIT_LE, got.transferSyntax().uid());
        assertNull(DataSetComparator.firstDifference(DicomReader.read(study.files.get(iuid)).dataSet(), got.dataSet()));

        Curl noContentType = curl(url.replace("&contentType=application%2Fdicom", ""));
        assertEquals(200, noContentType.status, "curl accepts */*, so application/dicom is fine");
        assertArrayEquals(r.body, noContentType.body);
    }

    @Test
    void wadoUriRefusesWhatItCannotDo() throws Exception {
        String iuid = study.sopInstanceUids().get(0);
        String base = archive.retrieveUrl() + "/wado?studyUID=" + study.studyUid + "&seriesUID="
                + study.seriesUids.get(0) + "&objectUID=";
        Curl badType = curl(base + iuid + "&requestType=WADO-RS");
        assertEquals(400, badType.status);
        assertTrue(badType.bodyText().contains("requestType"), badType.bodyText());
        assertEquals(400, curl(base + iuid).status, "requestType is required");
        Curl unknown = curl(base + UNKNOWN_UID + "&requestType=WADO");
        assertEquals(404, unknown.status, unknown.bodyText());
        Curl jpeg = curl(base + iuid + "&requestType=WADO&contentType=image%2Fjpeg");
        assertEquals(406, jpeg.status);
        assertTrue(jpeg.bodyText().contains("only contentType=application/dicom"), jpeg.bodyText());
        assertEquals(400, curl(base + "1..2&requestType=WADO").status);
        assertEquals(400, curl(archive.retrieveUrl() + "/wado?requestType=WADO&studyUID="
                + study.studyUid).status, "seriesUID and objectUID are required");
        Curl compressed = curl(archive.retrieveUrl() + "/wado?requestType=WADO&studyUID=" + objects.studyUid
                + "&seriesUID=" + objects.seriesUid + "&objectUID=" + objects.jpegUid + "&transferSyntax=" + EXPLICIT_LE);
        assertEquals(406, compressed.status, compressed.bodyText());
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /**
     * The returned Part 10 file is byte for byte the stored object, and its data set byte for byte the
     * data set of the file the modality sent.
     */
    private static void assertIdenticalToStored(String iuid, byte[] returned, Path sent) throws IOException, SQLException {
        byte[] stored = Files.readAllBytes(storedFile(iuid));
        assertArrayEquals(stored, returned, "instance " + iuid + " differs from the stored file");
        byte[] original = Files.readAllBytes(sent);
        long sentOffset = DicomReader.read(sent).dataSetOffset();
        long gotOffset = DicomReader.read(new ByteArrayInputStream(returned)).dataSetOffset();
        assertArrayEquals(Arrays.copyOfRange(original, (int) sentOffset, original.length),
                Arrays.copyOfRange(returned, (int) gotOffset, returned.length),
                "the data set of " + iuid + " differs from the one sent");
    }

    private static Path storedFile(String iuid) throws SQLException {
        try (Connection c = archive.db();
             PreparedStatement ps = c.prepareStatement("SELECT storage_key FROM instance WHERE sop_instance_uid = ?")) {
            ps.setString(1, iuid);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "instance " + iuid + " is not indexed");
                return archive.storage.resolve(rs.getString(1));
            }
        }
    }

    private static Path file(String iuid) {
        return objects.files.stream().filter(f -> f.getFileName().toString().equals(iuid + ".dcm")).findFirst()
                .orElseThrow();
    }

    private static String instancePath(String iuid) {
        return "/dicomweb/studies/" + objects.studyUid + "/series/" + objects.seriesUid + "/instances/" + iuid;
    }

    /** A request with a token of the local user who may read (and nothing else). */
    private static HttpRequest.Builder reader(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", AccessTokens.bearer("reader"));
    }

    private static HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = reader(URI.create(archive.retrieveUrl() + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<Multipart.Part> parts(HttpResponse<byte[]> r) {
        assertTrue(r.statusCode() == 200 || r.statusCode() == 206, r.statusCode() + ": " + text(r));
        return Multipart.parse(r.body(), r.headers().firstValue("Content-Type").orElseThrow());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), 0, Math.min(r.body().length, 2000), StandardCharsets.ISO_8859_1);
    }

    /** A curl run: status, response headers (lower-case names) and body. */
    private record Curl(int status, Map<String, String> headers, byte[] body) {
        String contentType() {
            return headers.get("content-type");
        }

        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private static Curl curl(String url) throws IOException, InterruptedException {
        Assumptions.assumeTrue(curlAvailable(), "curl is not installed: skipping the curl checks (apt-get install curl)");
        Path dir = Files.createTempDirectory("wado-curl-");
        Path headers = dir.resolve("headers");
        Path body = dir.resolve("body");
        // As a user runs it: curl -H "Authorization: Bearer $(./pacs token --role pacs-read)" URL
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-D", headers.toString(), "-o", body.toString(),
                "-H", "Authorization: " + AccessTokens.bearer("reader")));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl hung");
        assertEquals(0, p.exitValue(), "curl failed: " + out);
        Map<String, String> h = new TreeMap<>();
        int status = -1;
        for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("HTTP/")) {
                status = Integer.parseInt(line.split(" ")[1]);
            } else if (line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                h.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
        }
        byte[] bytes = Files.exists(body) ? Files.readAllBytes(body) : new byte[0];
        Files.deleteIfExists(headers);
        Files.deleteIfExists(body);
        Files.deleteIfExists(dir);
        return new Curl(status, h, bytes);
    }

    private static Boolean curl;

    private static synchronized boolean curlAvailable() {
        if (curl == null) {
            try {
                Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                curl = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                curl = false;
            }
            if (!curl) {
                System.err.println("WadoIT: curl is not installed; the curl checks are skipped (apt-get install curl)");
            }
        }
        return curl;
    }
}
