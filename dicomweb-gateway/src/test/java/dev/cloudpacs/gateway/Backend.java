package dev.cloudpacs.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback standing in for one service: by default it reads the whole body and
 * answers 200 with its name (body and {@code X-Backend} header); it records what it received.
 */
final class Backend implements AutoCloseable {
    /** One request as the backend saw it. */
    record Seen(String method, String uri, Headers headers, long bodyLength) {
    }

    final String name;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    Backend(String name) throws IOException {
        this(name, null);
    }

    /** With {@code handler} for every request instead of the default. */
    Backend(String name, HttpHandler handler) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler != null ? handler : this::answer);
        server.setExecutor(executor);
        server.start();
    }

    private void answer(HttpExchange ex) throws IOException {
        long n;
        try (InputStream in = ex.getRequestBody()) {
            n = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders(), n));
        byte[] body = name.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("X-Backend", name);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Seen last() {
        return seen.get(seen.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
