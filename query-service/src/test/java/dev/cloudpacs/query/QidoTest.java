package dev.cloudpacs.query;

import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import dev.cloudpacs.testkit.AccessTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QIDO-RS resources, parameters and status codes (PS3.18 10.6) over the stored corpus. */
@QuarkusTest
@QuarkusTestResource(FrontDoorResource.class)
class QidoTest {
    /** The browser viewer's origin the test archive admits (PACS_CORS_ORIGINS). */
    static final String VIEWER_ORIGIN = "https://viewer.example.org";
    private static Corpus corpus() throws Exception {
        return Corpus.stored();
    }

    /** Every test searches the stored corpus, whichever test class of the module runs first. */
    @BeforeEach
    void storeTheCorpus() throws Exception {
        corpus();
    }

    @Test
    void theInternalFindCallAndMetricsAreNotOnThePublicPort() throws Exception {
        // The front door's C-FIND (DcmtkFindTest) reaches /internal/find on the management port only.
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + FrontDoorResource.queryHttpPort;
        // Not there even for a caller with every role (without a token it is 401 like any protected path).
        var find = http.send(AccessTokens.asAdmin(HttpRequest.newBuilder(URI.create(base
                        + FindStream.PATH + "?model=1.2.840.10008.5.1.4.1.2.2.1")))
                .header("Content-Type", FindStream.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(404, find.statusCode());
        var metrics = http.send(AccessTokens.asAdmin(HttpRequest.newBuilder(URI.create(base + "/q/metrics"))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(404, metrics.statusCode());
        var health = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, health.statusCode(), "health stays on the public port for the kubelet");
    }

    @Test
    void theApiIsDescribedByOpenApiOnThePublicPortWithoutTheInternalCall() throws Exception {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + FrontDoorResource.queryHttpPort + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        var paths = doc.path("paths");
        for (String p : new String[]{"/dicomweb/studies", "/dicomweb/series", "/dicomweb/instances",
                "/dicomweb/studies/{study}/series", "/dicomweb/studies/{study}/series/{series}/instances"}) {
            assertTrue(paths.has(p), "OpenAPI describes " + p + ": " + paths.properties());
        }
        assertFalse(paths.has(FindStream.PATH), "the internal call is not part of the public API");
        assertTrue(doc.path("info").path("title").asText().contains("query-service"), doc.path("info").toString());
    }

    @Test
    void aConfiguredViewerOriginMaySearchWithABearerTokenAndOthersMayNot() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI studies = URI.create("http://127.0.0.1:" + FrontDoorResource.queryHttpPort + "/dicomweb/studies");
        // The browser's preflight before a search carrying Authorization.
        var preflight = http.send(HttpRequest.newBuilder(studies).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", VIEWER_ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,accept").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode(), preflight.headers().toString());
        assertEquals(VIEWER_ORIGIN, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("authorization"),
                preflight.headers().toString());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"),
                preflight.headers().toString());

        var search = http.send(AccessTokens.asAdmin(HttpRequest.newBuilder(studies)).header("Origin", VIEWER_ORIGIN)
                .header("Accept", "application/dicom+json").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(search.statusCode() == 200 || search.statusCode() == 204, search.body());
        assertEquals(VIEWER_ORIGIN, search.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(search.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Warning"),
                search.headers().toString());

        // A page on any other origin gets no grant, so the browser shows it nothing.
        var stranger = http.send(AccessTokens.asAdmin(HttpRequest.newBuilder(studies)).header("Origin", "https://evil.example.com")
                .header("Accept", "application/dicom+json").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), stranger.headers().toString());
        assertEquals(403, stranger.statusCode(), stranger.body());
    }

    @Test
    void searchesNeedATokenWithTheReadRole() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI studies = URI.create("http://127.0.0.1:" + FrontDoorResource.queryHttpPort + "/dicomweb/studies");
        var anonymous = http.send(HttpRequest.newBuilder(studies).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                anonymous.headers().toString());
        assertEquals("application/problem+json", anonymous.headers().firstValue("Content-Type").orElse(""));
        var uploader = http.send(HttpRequest.newBuilder(studies).header("Authorization", AccessTokens.bearer("uploader"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, uploader.statusCode(), uploader.body());
        var reader = http.send(HttpRequest.newBuilder(studies).header("Authorization", AccessTokens.bearer("reader"))
                .header("Accept", "application/dicom+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reader.statusCode(), reader.body());
    }

    @Test
    void errorsAreProblemDetailsWithAWarning() throws Exception {
        var r = HttpClient.newHttpClient().send(AccessTokens.asAdmin(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + FrontDoorResource.queryHttpPort + "/dicomweb/studies?Rows=abc"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        assertEquals(400, json.path("status").asInt(), r.body());
        assertEquals("Bad Request", json.path("title").asText(), r.body());
        assertTrue(json.path("detail").asText().contains("Rows"), r.body());
        assertTrue(r.headers().firstValue("Warning").orElse("").startsWith("299 cloudpacs \""), r.headers().toString());
    }

    @Test
    void studiesCarryTheDefaultAttributesAndARetrieveUrl() throws Exception {
        var r = ArchiveClient.qido("studies", Map.of("AccessionNumber", "A1"));
        assertEquals(200, r.status());
        assertEquals(1, r.matches().size());
        DataSet m = r.matches().get(0);
        assertEquals(corpus().study.get("A1"), m.getString(Tag.StudyInstanceUID));
        assertEquals("P001", m.getString(Tag.PatientID));
        assertEquals("3", m.getString(Tag.NumberOfStudyRelatedInstances));
        assertEquals("ONLINE", m.getString(Tag.InstanceAvailability));
        assertTrue(m.getString(Tag.RetrieveURL).endsWith("/dicomweb/studies/" + corpus().study.get("A1")),
                m.getString(Tag.RetrieveURL));
        assertNull(m.getValue(Tag.QueryRetrieveLevel), "the C-FIND level is not a QIDO-RS attribute");
        assertNull(m.getValue(Tag.StudyDescription), "not a default attribute, not asked for");
    }

    @Test
    void nestedResourcesAndLevels() throws Exception {
        String a1 = corpus().study.get("A1");
        var series = ArchiveClient.qido("studies/" + a1 + "/series", Map.of());
        assertEquals(Set.of(corpus().series.get("A1-CT"), corpus().series.get("A1-SR")),
                uids(series.matches(), Tag.SeriesInstanceUID));
        var sr = ArchiveClient.qido("studies/" + a1 + "/series", Map.of("Modality", "SR"));
        assertEquals(Set.of(corpus().series.get("A1-SR")), uids(sr.matches(), Tag.SeriesInstanceUID));
        var instances = ArchiveClient.qido("studies/" + a1 + "/series/" + corpus().series.get("A1-CT") + "/instances",
                Map.of());
        assertEquals(Set.of(corpus().instance.get("A1-CT-1"), corpus().instance.get("A1-CT-2")),
                uids(instances.matches(), Tag.SOPInstanceUID));
        var inStudy = ArchiveClient.qido("studies/" + a1 + "/instances", Map.of());
        assertEquals(3, inStudy.matches().size());
        var allSeries = ArchiveClient.qido("series", Map.of("Modality", "US"));
        assertEquals(Set.of(corpus().series.get("A5-US"), corpus().series.get("A5-US2")),
                uids(allSeries.matches(), Tag.SeriesInstanceUID));
        // /series outside a study carries the study's attributes too
        assertEquals("DOE^JANE", allSeries.matches().get(0).getString(Tag.PatientName));
        var allInstances = ArchiveClient.qido("instances", Map.of("SOPClassUID", "1.2.840.10008.5.1.4.1.1.4"));
        assertEquals(Set.of(corpus().instance.get("A2-MR-1"), corpus().instance.get("A2-MR-2")),
                uids(allInstances.matches(), Tag.SOPInstanceUID));
    }

    @Test
    void includefieldByKeywordTagAndAll() throws Exception {
        var r = ArchiveClient.qido("studies", Map.of("AccessionNumber", "A4",
                "includefield", "StudyDescription,00081030,ProcedureCodeSequence"));
        DataSet m = r.matches().get(0);
        assertEquals("CT HEAD", m.getString(Tag.StudyDescription));
        assertEquals("CT123", m.getSequence(Tag.ProcedureCodeSequence).get(0).getString(Tag.CodeValue));
        var all = ArchiveClient.qido("studies/" + corpus().study.get("A5") + "/instances",
                Map.of("includefield", "all", "SeriesInstanceUID", corpus().series.get("A5-US")));
        assertEquals(1, all.matches().size());
        assertEquals("General Hospital", all.matches().get(0).getString(Tag.InstitutionName));
        assertEquals("HOUSE^GREGORY", all.matches().get(0).getString(Tag.ReferringPhysicianName));
    }

    @Test
    void fuzzymatchingMatchesNamesFromTheirStart() throws Exception {
        var r = ArchiveClient.qido("studies", Map.of("PatientName", "smith", "fuzzymatching", "true",
                "includefield", "AccessionNumber"));
        assertEquals(Set.of("A1", "A2", "A3"), MatchingTest.accessions(r.matches()));
        var literal = ArchiveClient.qido("studies", Map.of("PatientName", "smith"));
        assertEquals(200, literal.status());
        assertEquals(0, literal.matches().size());
        assertEquals("[]", literal.body().strip());
    }

    @Test
    void limitAndOffsetPageThroughResultsInAStableOrder() throws Exception {
        List<String> all = ArchiveClient.qido("studies", Map.of("includefield", "AccessionNumber")).matches().stream()
                .map(m -> m.getString(Tag.AccessionNumber)).toList();
        assertEquals(5, all.size());
        var page1 = ArchiveClient.qido("studies", Map.of("limit", "2", "includefield", "AccessionNumber"));
        var page2 = ArchiveClient.qido("studies", Map.of("limit", "2", "offset", "2", "includefield", "AccessionNumber"));
        var page3 = ArchiveClient.qido("studies", Map.of("limit", "2", "offset", "4", "includefield", "AccessionNumber"));
        List<String> paged = new java.util.ArrayList<>();
        for (var p : List.of(page1, page2, page3)) {
            p.matches().forEach(m -> paged.add(m.getString(Tag.AccessionNumber)));
        }
        assertEquals(all, paged);
        assertNull(page1.warning(), "the client asked for 2: no warning");
    }

    @Test
    void badParametersAre400WithTheReason() throws Exception {
        var unknown = ArchiveClient.qido("studies", Map.of("PatientNam", "X"));
        assertEquals(400, unknown.status());
        assertNotNull(unknown.warning());
        assertTrue(unknown.body().contains("PatientNam"), unknown.body());
        var badDate = ArchiveClient.qido("studies", Map.of("StudyDate", "2024-01-01"));
        assertEquals(400, badDate.status());
        assertTrue(badDate.warning().startsWith("299 "), badDate.warning());
        var badLimit = ArchiveClient.qido("studies", Map.of("limit", "-1"));
        assertEquals(400, badLimit.status());
        var badUid = ArchiveClient.qido("studies/1.2.3..4/series", Map.of());
        assertEquals(400, badUid.status());
    }

    /** Keys an outside tester found answering 500: each is a 400 naming what was given. */
    @Test
    void unsearchableKeysAndMalformedValuesAre400NamingTheParameter() throws Exception {
        record Case(String path, String key, String value, String named) {
        }
        List<Case> cases = List.of(
                new Case("studies", "FFFFFFFF", "1", "FFFFFFFF"),
                new Case("studies", "00091010", "1", "(0009,1010)"),
                new Case("series", "00091010", "1", "(0009,1010)"),
                new Case("instances", "00091010", "1", "(0009,1010)"),
                new Case("instances", "PixelData", "1", "PixelData (7FE0,0010) holds bulk data"),
                new Case("instances", "7FE00010", "1", "PixelData (7FE0,0010) holds bulk data"),
                new Case("instances", "00280010", "abc", "'abc' is not an integer (Rows (0028,0010) is US)"),
                new Case("instances", "Rows", "70000", "from 0 to 65535"),
                new Case("series", "RequestAttributesSequence.00091010", "1", "(0009,1010)"),
                new Case("series", "RequestAttributesSequence", "1", "is a sequence"),
                new Case("series", "SeriesNumber", "12x", "is not an integer"),
                new Case("studies", "00100000", "1", "is not an attribute of the stored data sets"),
                new Case("studies", "PatientID.PatientName", "1", "is not a sequence attribute"));
        for (Case c : cases) {
            var r = ArchiveClient.qido(c.path(), Map.of(c.key(), c.value()));
            assertEquals(400, r.status(), c + ": " + r.body());
            assertTrue(r.body().contains(c.named()), c + ": " + r.body());
            assertTrue(r.warning().startsWith("299 "), r.warning());
        }
        var traversal = ArchiveClient.qido("studies", Map.of("includefield", "../../etc/passwd"));
        assertEquals(400, traversal.status());
        assertTrue(traversal.body().contains("'../../etc/passwd'"), traversal.body());
        var huge = ArchiveClient.qido("studies", Map.of("offset", "99999999999999"));
        assertEquals(400, huge.status());
        assertTrue(huge.body().contains("too large"), huge.body());
    }

    @Test
    void twelveCharacterIntegerStringsMatch() throws Exception {
        var r = ArchiveClient.qido("series", Map.of("SeriesNumber", "99999999999"));
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.matches().size());
    }

    private static Set<String> uids(List<DataSet> matches, int tag) {
        Set<String> out = new TreeSet<>();
        for (DataSet m : matches) {
            out.add(m.getString(tag));
        }
        return out;
    }
}
