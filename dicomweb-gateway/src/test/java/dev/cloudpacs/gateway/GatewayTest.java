package dev.cloudpacs.gateway;

import dev.cloudpacs.localinfra.Ports;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway in front of real loopback HTTP servers: routing, its own answers, headers, failover. */
class GatewayTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static Backend ingest;
    static Backend query;
    static Backend retrieve;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        ingest = new Backend("dimse-ingest");
        query = new Backend("query-service");
        retrieve = new Backend("retrieve-service");
        gateway = start(Map.of("dimse-ingest", List.of(ingest.url()), "query-service", List.of(query.url()),
                "retrieve-service", List.of(retrieve.url())));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        ingest.close();
        query.close();
        retrieve.close();
    }

    static Gateway start(Map<String, List<URI>> backends) throws Exception {
        return Gateway.start(new Gateway.Config("127.0.0.1", 0, RouteTable.dicomweb(), backends));
    }

    static HttpResponse<String> send(Gateway g, String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + pathAndQuery))
                .method(method, p).header("Content-Type", "multipart/related; type=\"application/dicom\"").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyKindOfDicomwebRequestReachesItsServiceAsSent() throws Exception {
        for (RouteTable.Example e : RouteTable.dicomwebExamples()) {
            if (e.service().isEmpty()) {
                continue;
            }
            String uri = e.path() + "?PatientName=SMITH%5E*&limit=1";
            String body = e.method().equals("POST") ? "abc" : null;
            HttpResponse<String> r = send(gateway, e.method(), uri, body);
            assertEquals(200, r.statusCode(), e.method() + " " + uri + ": " + r.body());
            assertEquals(e.service().get(), r.headers().firstValue("X-Backend").orElse(null), e.method() + " " + uri);
            Backend b = Map.of("dimse-ingest", ingest, "query-service", query, "retrieve-service", retrieve)
                    .get(e.service().get());
            Backend.Seen seen = b.last();
            assertEquals(e.method(), seen.method());
            assertEquals(uri, seen.uri(), "path and query string pass unchanged");
            // The client's Host: the URLs a service builds (BulkDataURIs) point at the gateway.
            assertEquals("127.0.0.1:" + gateway.port(), seen.headers().getFirst("Host"));
            assertEquals(body == null ? 0 : 3, seen.bodyLength());
        }
    }

    @Test
    void unknownPathsAndMethodsAreProblems() throws Exception {
        HttpResponse<String> r = send(gateway, "GET", "/admin/ae", null);
        assertProblem(r, 404, "no resource at /admin/ae");
        assertProblem(send(gateway, "POST", "/internal/find", "x"), 404, "no resource at /internal/find");
        r = send(gateway, "DELETE", "/dicomweb/studies/1.2.3", null);
        assertProblem(r, 405, "DELETE /dicomweb/studies/1.2.3: method not allowed");
        assertEquals("POST, GET, OPTIONS", r.headers().firstValue("Allow").orElse(""));
        String raw = raw(gateway.port(), "GET /dicomweb/studies/1/series/2/instances/3/bulk/%2e%2E/../../q/metrics HTTP/1.1\r\n"
                + "Host: x\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400 "), raw);
        assertTrue(raw.contains("has a '.' or '..' segment"), raw);
        raw = raw(gateway.port(), "GET /dicomweb/studies HTTP/1.0\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.0 505 ") || raw.startsWith("HTTP/1.1 505 "), raw);
        assertTrue(query.seen.stream().noneMatch(s -> s.uri().contains("metrics")));
    }

    @Test
    void theGatewayAnswersItsOwnHealth() throws Exception {
        HttpResponse<String> r = send(gateway, "GET", "/q/health/ready", null);
        assertEquals(200, r.statusCode());
        assertEquals("UP", new JsonObject(r.body()).getString("status"));
        assertEquals(200, send(gateway, "GET", "/q/health/live", null).statusCode());
    }

    @Test
    void aServiceThatIsDownIsA502ProblemNamingIt() throws Exception {
        int down = Ports.freePort();
        try (Gateway g = start(Map.of("dimse-ingest", List.of(URI.create("http://127.0.0.1:" + down)),
                "query-service", List.of(query.url()),
                "retrieve-service", List.of(URI.create("http://127.0.0.1:" + down))))) {
            assertProblem(send(g, "GET", "/dicomweb/studies/1.2.3/metadata", null), 502,
                    "retrieve-service is unreachable (127.0.0.1:" + down + ": Connection refused)");
            assertProblem(send(g, "POST", "/dicomweb/studies", "x".repeat(100_000)), 502,
                    "dimse-ingest is unreachable (127.0.0.1:" + down + ": Connection refused)");
            assertEquals(200, send(g, "GET", "/dicomweb/studies", null).statusCode(), "the others still answer");
        }
    }

    @Test
    void copiesOfAServiceTakeTurnsAndOneDownIsSkipped() throws Exception {
        try (Backend q2 = new Backend("query-service-2")) {
            int down = Ports.freePort();
            URI gone = URI.create("http://127.0.0.1:" + down);
            try (Gateway g = start(Map.of("dimse-ingest", List.of(ingest.url()),
                    "query-service", List.of(query.url(), q2.url(), gone), "retrieve-service", List.of(retrieve.url())))) {
                int before = query.seen.size();
                for (int i = 0; i < 6; i++) {
                    assertEquals(200, send(g, "GET", "/dicomweb/studies", null).statusCode());
                }
                // Turns 0, 1, 2 (down: passes to 0), 0, 1, 2 (down).
                assertEquals(4, query.seen.size() - before);
                assertEquals(2, q2.seen.size());
                assertEquals("127.0.0.1:" + query.url().getPort() + ", 127.0.0.1:" + q2.url().getPort() + ", 127.0.0.1:" + down,
                        g.backends().get("query-service"));
            }
        }
    }

    @Test
    void hopByHopHeadersStopAtTheGatewayBothWays() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket s = ss.accept()) {
                    String head = head(s.getInputStream());
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive, X-Hop\r\n"
                            + "X-Hop: secret\r\nKeep-Alive: timeout=5\r\nX-End: 1\r\n\r\nok").getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    return head;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            URI url = URI.create("http://127.0.0.1:" + ss.getLocalPort());
            try (Gateway g = start(Map.of("dimse-ingest", List.of(url), "query-service", List.of(url),
                    "retrieve-service", List.of(url)))) {
                String response = raw(g.port(), "GET /dicomweb/studies?x=1 HTTP/1.1\r\nHost: pacs.test\r\n"
                        + "Connection: keep-alive, X-Drop\r\nX-Drop: 1\r\nKeep-Alive: 300\r\nTE: trailers\r\n"
                        + "Proxy-Authorization: Basic eDp5\r\nX-Keep: 2\r\n\r\n").toLowerCase();
                String request = seen.get().toLowerCase();
                assertTrue(request.startsWith("get /dicomweb/studies?x=1 http/1.1\r\n"), request);
                assertTrue(request.contains("\r\nhost: pacs.test\r\n"), request);
                assertTrue(request.contains("\r\nx-keep: 2\r\n"), request);
                for (String h : List.of("x-drop:", "keep-alive: 300", "te:", "proxy-authorization:")) {
                    assertFalse(request.contains("\r\n" + h), h + " reached the service:\n" + request);
                }
                assertTrue(response.startsWith("http/1.1 200 ok"), response);
                assertTrue(response.contains("\r\nx-end: 1\r\n"), response);
                assertFalse(response.contains("x-hop"), response);
                assertFalse(response.contains("keep-alive: timeout"), response);
            }
        }
    }

    static void assertProblem(HttpResponse<String> r, int status, String detail) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(Problems.MEDIA_TYPE, r.headers().firstValue("Content-Type").orElse(null));
        JsonObject p = new JsonObject(r.body());
        assertEquals("about:blank", p.getString("type"));
        assertEquals(status, p.getInteger("status"));
        assertEquals(Problems.title(status), p.getString("title"));
        assertTrue(p.getString("detail").startsWith(detail), p.getString("detail"));
        assertTrue(r.headers().firstValue("Warning").orElse("").startsWith("299 cloudpacs \"" + detail),
                r.headers().firstValue("Warning").orElse("no Warning"));
    }

    /** Sends {@code request} as is on a new connection and returns what comes back until it closes (or 5 s). */
    static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String head = head(in);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        }
    }

    /** The head of an HTTP message, through the blank line. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
