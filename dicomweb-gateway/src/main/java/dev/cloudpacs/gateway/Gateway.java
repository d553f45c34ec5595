package dev.cloudpacs.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The local DICOMweb gateway: one HTTP base URL in front of the services, routed by a {@link RouteTable}
 * (method and path) to the copies of each service, round robin. A reverse proxy on Vert.x
 * ({@code vertx-http-proxy}): request and response bodies stream through with back-pressure in both
 * directions, never held whole (Content-Length and chunked both pass as they came).
 *
 * <p>Its own answers are problem details: 404 for a path no route takes, 405 (with {@code Allow}) for a
 * method the path does not take, 400 for a path with dot segments (they would let a path the table
 * matches name another resource once the service normalizes it), 505 for HTTP/1.0 (a streamed response
 * of unknown length cannot be sent to it without buffering), 502 when a service cannot be reached.
 * {@code GET /q/health/ready} (and {@code /live}, {@code /q/health}) is the gateway's own health.
 */
public final class Gateway implements AutoCloseable {
    private static final Set<String> HEALTH = Set.of("/q/health", "/q/health/ready", "/q/health/live");
    private static final Buffer UP = Buffer.buffer("{\"status\":\"UP\",\"checks\":[{\"name\":\"dicomweb-gateway\",\"status\":\"UP\"}]}\n");
    /** A "." or ".." segment, also percent-encoded. */
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$)", Pattern.CASE_INSENSITIVE);

    /**
     * What the gateway serves.
     *
     * @param host     the address to listen on
     * @param port     the port (0: any free one, see {@link #port()})
     * @param routes   the route table
     * @param backends each service of the table to the base URLs ({@code http://host:port}) of its copies
     */
    public record Config(String host, int port, RouteTable routes, Map<String, List<URI>> backends) {
        /** Checks that every service of the table has a copy and every URL is plain http://host:port. */
        public Config {
            for (String service : routes.services()) {
                List<URI> urls = backends.get(service);
                if (urls == null || urls.isEmpty()) {
                    throw new IllegalArgumentException("no URL for " + service);
                }
                for (URI u : urls) {
                    if (!"http".equals(u.getScheme()) || u.getHost() == null || u.getPort() < 0
                            || !(u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))) {
                        throw new IllegalArgumentException(service + ": '" + u + "' is not http://host:port");
                    }
                }
            }
            backends = Map.copyOf(backends);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final RouteTable routes;
    private final Map<String, HttpProxy> proxies = new HashMap<>();
    private final Map<String, Backends> backends = new LinkedHashMap<>();

    private Gateway(Config config) {
        this.routes = config.routes();
        this.vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false)));
        // Many viewers fetch frames in parallel: enough pooled connections per copy. No idle or
        // response timeout: a WADO stream to a slow reader may rightly pause for long.
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(200));
        for (String service : routes.services()) {
            Backends b = new Backends(service, config.backends().get(service).stream()
                    .map(u -> SocketAddress.inetSocketAddress(u.getPort(), u.getHost())).toList());
            backends.put(service, b);
            proxies.put(service, HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                    .origin(b).addInterceptor(new Forwarding(service)));
        }
        this.server = vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true))
                .requestHandler(this::handle);
    }

    /** Starts a gateway and returns once it listens. */
    public static Gateway start(Config config) throws Exception {
        Gateway g = new Gateway(config);
        try {
            g.server.listen(config.port(), config.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            g.close();
            throw e;
        }
        return g;
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Each service to the addresses of its copies, e.g. {@code query-service -> 127.0.0.1:8082}. */
    public Map<String, String> backends() {
        Map<String, String> m = new LinkedHashMap<>();
        backends.forEach((s, b) -> m.put(s, b.describe()));
        return m;
    }

    private void handle(HttpServerRequest req) {
        String method = req.method().name();
        String path = req.path() == null ? "" : req.path();
        if (req.version() == HttpVersion.HTTP_1_0) {
            problem(req, 505, "HTTP/1.0 is not supported: a streamed response cannot be sent to it; use HTTP/1.1");
            return;
        }
        if (HEALTH.contains(path) && (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD)) {
            req.response().putHeader("Content-Type", "application/json").end(UP);
            return;
        }
        if (DOT_SEGMENT.matcher(path).find()) {
            problem(req, 400, "path " + path + " has a '.' or '..' segment");
            return;
        }
        Optional<RouteTable.Route> route = routes.route(method, path);
        if (route.isPresent()) {
            proxies.get(route.get().service()).handle(req);
            return;
        }
        Set<String> allowed = routes.methods(path);
        if (allowed.isEmpty()) {
            problem(req, 404, "no resource at " + path + " (the gateway serves QIDO-RS, WADO-RS and STOW-RS under /dicomweb and WADO-URI at /wado)");
        } else {
            req.response().putHeader("Allow", String.join(", ", allowed));
            problem(req, 405, method + " " + path + ": method not allowed");
        }
    }

    private static void problem(HttpServerRequest req, int status, String detail) {
        HttpServerResponse r = req.response().setStatusCode(status);
        Problems.headers(r.headers(), detail);
        if (uploadPending(req)) {
            r.putHeader("Connection", "close");
        }
        r.end(req.method() == HttpMethod.HEAD ? Buffer.buffer() : Problems.body(status, detail));
    }

    /**
     * Whether an HTTP/1.1 request body may still be arriving: answering without it then closes the
     * connection rather than reading the rest of a large upload only to keep the connection.
     */
    static boolean uploadPending(HttpServerRequest req) {
        if (req.isEnded() || req.version() != HttpVersion.HTTP_1_1) {
            return false;
        }
        String length = req.getHeader("Content-Length");
        return req.getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
