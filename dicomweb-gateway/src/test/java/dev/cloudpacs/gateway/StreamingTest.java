package dev.cloudpacs.gateway;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large bodies stream through the gateway in both directions: the far side gets bytes long before the
 * near side has sent them all, and while the receiver stops reading, the sender is held back (the
 * gateway holds no more than socket buffers' worth). 200 MB each way, Content-Length and chunked.
 */
class StreamingTest {
    static final long TOTAL = 200L << 20;
    /** What may sit in socket buffers and the gateway's pipes while the reader pauses: far less than TOTAL. */
    static final long IN_FLIGHT_LIMIT = 64L << 20;
    static final int CHUNK = 64 << 10;

    final CountDownLatch farSideStarted = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    final AtomicLong produced = new AtomicLong();
    final AtomicLong consumed = new AtomicLong();
    final AtomicReference<String> framing = new AtomicReference<>();
    Backend backend;
    Gateway gateway;

    @AfterEach
    void stop() {
        resume.countDown();
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    void start(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        backend = new Backend("backend", handler);
        List<URI> url = List.of(backend.url());
        gateway = GatewayTest.start(Map.of("dimse-ingest", url, "query-service", url, "retrieve-service", url));
    }

    @Test
    void aChunkedStowUploadStreams() throws Exception {
        upload(false);
    }

    @Test
    void aStowUploadWithContentLengthStreams() throws Exception {
        upload(true);
    }

    @Test
    void aChunkedWadoResponseStreams() throws Exception {
        download(false);
    }

    @Test
    void aWadoResponseWithContentLengthStreams() throws Exception {
        download(true);
    }

    private void upload(boolean fixedLength) throws Exception {
        start(ex -> {
            framing.set(ex.getRequestHeaders().getFirst("Content-Length") + "/" + ex.getRequestHeaders().getFirst("Transfer-Encoding"));
            byte[] buf = new byte[CHUNK];
            try (InputStream in = ex.getRequestBody()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (consumed.addAndGet(n) >= 1 << 20 && farSideStarted.getCount() > 0) {
                        farSideStarted.countDown();
                        await(resume);
                    }
                }
            }
            answer(ex, Long.toString(consumed.get()).getBytes());
        });
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> new Source(TOTAL, produced));
        if (fixedLength) {
            body = HttpRequest.BodyPublishers.fromPublisher(body, TOTAL);
        }
        CompletableFuture<HttpResponse<String>> response = GatewayTest.HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/dicomweb/studies"))
                        .POST(body).header("Content-Type", "multipart/related; type=\"application/dicom\"").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(farSideStarted.await(20, TimeUnit.SECONDS), "the service got its first MB");
        assertTrue(produced.get() < TOTAL, "the service reads before the client has sent everything: " + produced);
        Thread.sleep(500);
        assertTrue(produced.get() < IN_FLIGHT_LIMIT, "the client is held back while the service pauses: " + produced);
        resume.countDown();
        HttpResponse<String> r = response.get(60, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Long.toString(TOTAL), r.body());
        assertEquals(fixedLength ? TOTAL + "/null" : "null/chunked", framing.get(), "Content-Length/Transfer-Encoding as sent");
    }

    private void download(boolean fixedLength) throws Exception {
        start(ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=x");
            ex.sendResponseHeaders(200, fixedLength ? TOTAL : 0);
            byte[] buf = new byte[CHUNK];
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < TOTAL; sent += CHUNK) {
                    out.write(buf);
                    produced.addAndGet(CHUNK);
                }
            }
            ex.close();
        });
        HttpResponse<InputStream> r = GatewayTest.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/dicomweb/studies/1.2.3")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals(fixedLength ? List.of(Long.toString(TOTAL)) : List.of(), r.headers().allValues("Content-Length"));
        try (InputStream in = r.body()) {
            byte[] buf = new byte[CHUNK];
            long got = in.readNBytes(1 << 20).length;
            assertTrue(produced.get() < TOTAL, "the client reads before the service has written everything: " + produced);
            Thread.sleep(500);
            assertTrue(produced.get() < IN_FLIGHT_LIMIT, "the service is held back while the client pauses: " + produced);
            int n;
            while ((n = in.read(buf)) > 0) {
                got += n;
            }
            assertEquals(TOTAL, got);
        }
    }

    private static void answer(HttpExchange ex, byte[] body) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code total} zero bytes, counting what has been read from it. */
    static final class Source extends InputStream {
        private final long total;
        private final AtomicLong produced;

        Source(long total, AtomicLong produced) {
            this.total = total;
            this.produced = produced;
        }

        @Override
        public int read() {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = total - produced.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            produced.addAndGet(n);
            return n;
        }
    }
}
