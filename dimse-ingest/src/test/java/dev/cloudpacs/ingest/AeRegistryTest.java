package dev.cloudpacs.ingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AE registry admin API: create, replace, list, get, delete, and every validation error. */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class AeRegistryTest {
    /** The database outlives a test run: every title used here is removed before and after each test. */
    private static final List<String> TITLES =
            List.of("AET-STORESCP", "AET-A", "AET-B", "AET-PADDED", "AET SPACE", "AET/SLASH");

    @BeforeEach
    @AfterEach
    void clean() {
        for (String t : TITLES) {
            given().delete("/admin/ae/{t}", t);
        }
    }

    static Response put(String title, String json) {
        return given().contentType("application/json").body(json).put("/admin/ae/{t}", title);
    }

    @Test
    void createGetReplaceDelete() {
        Response created = put("AET-STORESCP", """
                {"host":"10.0.0.5","port":104,"tls":false,"mayStore":true,"mayQuery":false,"mayRetrieve":true,
                 "description":"the modality's store SCP"}""");
        assertEquals(201, created.statusCode(), created.asString());
        assertTrue(created.header("Location").endsWith("/admin/ae/AET-STORESCP"), created.header("Location"));
        assertEquals("AET-STORESCP", created.path("aeTitle"));
        assertEquals(false, created.path("mayQuery"));
        assertNotNull(created.path("updatedAt"));

        Response got = given().get("/admin/ae/{t}", "AET-STORESCP");
        assertEquals(200, got.statusCode());
        assertTrue(got.contentType().startsWith("application/json"), got.contentType());
        assertEquals("10.0.0.5", got.path("host"));
        assertEquals(104, (int) got.path("port"));
        assertEquals(false, got.path("tls"));
        assertEquals(true, got.path("mayStore"));
        assertEquals(false, got.path("mayQuery"));
        assertEquals(true, got.path("mayRetrieve"));
        assertEquals("the modality's store SCP", got.path("description"));

        // PUT replaces the whole entry: flags left out are back at their defaults, the description is gone.
        Response replaced = put("AET-STORESCP", "{\"host\":\"pacs.example.org\",\"port\":11112,\"tls\":true}");
        assertEquals(200, replaced.statusCode(), replaced.asString());
        got = given().get("/admin/ae/{t}", "AET-STORESCP");
        assertEquals("pacs.example.org", got.path("host"));
        assertEquals(11112, (int) got.path("port"));
        assertEquals(true, got.path("tls"));
        assertEquals(true, got.path("mayQuery"));
        assertNull(got.path("description"));

        assertEquals(204, given().delete("/admin/ae/{t}", "AET-STORESCP").statusCode());
        assertEquals(404, given().get("/admin/ae/{t}", "AET-STORESCP").statusCode());
    }

    @Test
    void defaultsAndGetResultCanBeSentBack() {
        Response created = put("AET-A", "{\"host\":\"a\",\"port\":104}");
        assertEquals(201, created.statusCode(), created.asString());
        assertEquals(false, created.path("tls"));
        assertEquals(true, created.path("mayStore"));
        assertEquals(true, created.path("mayQuery"));
        assertEquals(true, created.path("mayRetrieve"));
        // GET, edit, PUT: the body's aeTitle and updatedAt are accepted.
        String body = given().get("/admin/ae/{t}", "AET-A").asString().replace("\"port\":104", "\"port\":105");
        Response replaced = put("AET-A", body);
        assertEquals(200, replaced.statusCode(), replaced.asString());
        assertEquals(105, (int) replaced.path("port"));
    }

    @Test
    void leadingAndTrailingSpacesAreNotSignificant() {
        Response r = put("  AET-PADDED ", "{\"host\":\"h\",\"port\":104}");
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals("AET-PADDED", r.path("aeTitle"));
        assertEquals(200, given().get("/admin/ae/{t}", "AET-PADDED").statusCode());
        assertEquals(200, given().get("/admin/ae/{t}", "AET-PADDED  ").statusCode());
        // Spaces inside a title are significant and allowed.
        Response spaced = put("AET SPACE", "{\"host\":\"h\",\"port\":104}");
        assertEquals(201, spaced.statusCode());
        assertTrue(spaced.header("Location").endsWith("/admin/ae/AET%20SPACE"), spaced.header("Location"));
        assertEquals("AET SPACE", given().get("/admin/ae/{t}", "AET SPACE").path("aeTitle"));
        // '/' belongs to the repertoire too; encoded in the path it is one segment.
        Response slashed = put("AET/SLASH", "{\"host\":\"h\",\"port\":104}");
        assertEquals(201, slashed.statusCode(), slashed.asString());
        assertTrue(slashed.header("Location").endsWith("/admin/ae/AET%2FSLASH"), slashed.header("Location"));
        assertEquals("AET/SLASH", given().get("/admin/ae/{t}", "AET/SLASH").path("aeTitle"));
    }

    @Test
    void listIsSortedByTitle() {
        assertEquals(201, put("AET-B", "{\"host\":\"b\",\"port\":2}").statusCode());
        assertEquals(201, put("AET-A", "{\"host\":\"a\",\"port\":1}").statusCode());
        Response r = given().get("/admin/ae");
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        List<String> titles = r.jsonPath().getList("aeTitle");
        assertTrue(titles.indexOf("AET-A") >= 0 && titles.indexOf("AET-A") < titles.indexOf("AET-B"), titles.toString());
        assertEquals(titles.stream().sorted().toList(), titles);
        Map<String, Object> a = r.jsonPath().getMap("find { it.aeTitle == 'AET-A' }");
        assertEquals("a", a.get("host"));
        assertEquals(1, a.get("port"));
    }

    @Test
    void plainTextTable() {
        assertEquals(201, put("AET-A", "{\"host\":\"10.0.0.5\",\"port\":104,\"mayQuery\":false,"
                + "\"description\":\"two\\nlines\"}").statusCode());
        assertEquals(201, put("AET-B", "{\"host\":\"b.example.org\",\"port\":11112,\"tls\":true}").statusCode());
        Response r = given().accept("text/plain").get("/admin/ae");
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
        List<String> lines = r.asString().lines().toList();
        String header = lines.get(0);
        assertTrue(header.matches("TITLE +HOST +PORT +TLS +STORE +QUERY +RETRIEVE +DESCRIPTION"), header);
        String a = lines.stream().filter(l -> l.startsWith("AET-A ")).findFirst().orElseThrow();
        String b = lines.stream().filter(l -> l.startsWith("AET-B ")).findFirst().orElseThrow();
        assertTrue(a.matches("AET-A +10\\.0\\.0\\.5 +104 +no +yes +no +yes +two lines"), a);
        assertTrue(b.matches("AET-B +b\\.example\\.org +11112 +yes +yes +yes +yes"), b);
        // Aligned: every column starts at the same offset on every line.
        assertEquals(header.indexOf("HOST"), a.indexOf("10.0.0.5"));
        assertEquals(header.indexOf("PORT"), b.indexOf("11112"));
        assertEquals(header.indexOf("DESCRIPTION"), a.indexOf("two lines"));
    }

    @Test
    void unknownTitlesAre404WithAMessage() {
        Response get = given().get("/admin/ae/{t}", "AET-A");
        assertEquals(404, get.statusCode());
        assertTrue(get.contentType().startsWith("application/problem+json"), get.contentType());
        assertEquals(404, get.<Integer>path("status"));
        assertEquals("Not Found", get.<String>path("title"));
        assertTrue(get.<String>path("detail").contains("AET-A"), get.asString());
        Response del = given().delete("/admin/ae/{t}", "AET-A");
        assertEquals(404, del.statusCode());
        assertTrue(del.<String>path("detail").contains("AET-A"), del.asString());
    }

    @Test
    void badTitles() {
        String ok = "{\"host\":\"h\",\"port\":104}";
        assertBad(put("BAD\\AE", ok), "aeTitle", "backslash");
        assertBad(put("AET-SEVENTEEN-CHR", ok), "aeTitle", "16");
        assertBad(put("    ", ok), "aeTitle", "spaces");
        assertBad(put("TAB\tAE", ok), "aeTitle", "control");
        assertBad(put("ÄET", ok), "aeTitle", "repertoire");
        assertBad(given().get("/admin/ae/{t}", "BAD\\AE"), "aeTitle", "backslash");
        assertBad(given().delete("/admin/ae/{t}", "AET-SEVENTEEN-CHR"), "aeTitle", "16");
        assertBad(put("AET-A", "{\"aeTitle\":\"AET-B\",\"host\":\"h\",\"port\":104}"), "aeTitle", "path");
        assertEquals(404, given().get("/admin/ae/{t}", "AET-A").statusCode());
    }

    @Test
    void badFields() {
        assertBad(put("AET-A", "{\"host\":\"\",\"port\":104}"), "host", "required");
        assertBad(put("AET-A", "{\"port\":104}"), "host", "required");
        assertBad(put("AET-A", "{\"host\":\"two words\",\"port\":104}"), "host", "whitespace");
        assertBad(put("AET-A", "{\"host\":\"" + "h".repeat(256) + "\",\"port\":104}"), "host", "255");
        assertBad(put("AET-A", "{\"host\":\"h\",\"port\":0}"), "port", "65535");
        assertBad(put("AET-A", "{\"host\":\"h\",\"port\":70000}"), "port", "65535");
        assertBad(put("AET-A", "{\"host\":\"h\"}"), "port", "required");
        assertBad(put("AET-A", "{\"host\":\"h\",\"port\":\"one-o-four\"}"), "port", "type");
        assertBad(put("AET-A", "{\"host\":\"h\",\"port\":104,\"description\":\"" + "d".repeat(256) + "\"}"),
                "description", "255");
        assertBad(put("AET-A", "{\"host\":\"h\",\"port\":104,\"mayStor\":false}"), "mayStor", "known");
        assertEquals(404, given().get("/admin/ae/{t}", "AET-A").statusCode(), "nothing was stored");
    }

    @Test
    void malformedJsonIs400WithAMessage() {
        assertBad(put("AET-A", "{\"host\":\"h\",\"port\":"), null, "malformed JSON");
        assertBad(put("AET-A", "not json at all"), null, "malformed JSON");
        assertBad(put("AET-A", "{\"host\":\"h\",\"port\":1e10}"), null, "port");
        assertBad(put("AET-A", "[1,2]"), "body", "JSON object");
        assertBad(put("AET-A", ""), "body", "host");
        assertEquals(404, given().get("/admin/ae/{t}", "AET-A").statusCode(), "nothing was stored");
    }

    /** A 400 in problem details (RFC 9457) whose one-line detail names the field, without a stack trace. */
    static void assertBad(Response r, String field, String mentions) {
        String body = r.asString();
        assertEquals(400, r.statusCode(), body);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType() + ": " + body);
        Map<String, Object> json = r.jsonPath().getMap("");
        assertEquals(Set.of("type", "title", "status", "detail"), json.keySet(), body);
        assertEquals(400, json.get("status"), body);
        assertEquals("Bad Request", json.get("title"), body);
        String error = (String) json.get("detail");
        assertNotNull(error, body);
        assertFalse(error.contains("\n") || error.contains("Exception") || error.contains("\tat "), error);
        if (field != null) {
            assertTrue(error.startsWith(field + " "), error);
        }
        if (mentions != null) {
            assertTrue(error.contains(mentions), error);
        }
    }
}
