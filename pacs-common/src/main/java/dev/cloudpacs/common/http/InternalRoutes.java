package dev.cloudpacs.common.http;

import dev.cloudpacs.common.worker.PlatformThreads;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;

/**
 * The service-to-service endpoints ({@code /internal/...}, the front door's C-FIND and C-GET calls). They are
 * registered on the Quarkus management interface, a port of its own that neither the public Service nor the
 * Ingress routes (in Kubernetes a network policy admits only the front door to it), so nothing outside the
 * archive reaches them through the DICOMweb base URL.
 *
 * <p>Each exchange reads its (small) request body whole and streams its response from a thread of this
 * bean's pool, paced by the caller's reading ({@link ResponseOutputStream}).
 */
@ApplicationScoped
public class InternalRoutes {
    private static final Logger LOG = Logger.getLogger(InternalRoutes.class);
    /** An identifier (C-FIND, C-GET) is a few kilobytes; a C-GET listing many instance UIDs a few megabytes. */
    static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    /** One exchange: the query parameters and request body in, the response body out. */
    @FunctionalInterface
    public interface Exchange {
        void run(MultiMap parameters, InputStream body, OutputStream response) throws IOException;
    }

    private final ExecutorService writers;

    public InternalRoutes(PlatformThreads threads) {
        this.writers = threads.pool("internal-exchange");
    }

    /** Serves {@code POST path} with body and response of {@code mediaType} on {@code router}. */
    public void post(Router router, String path, String mediaType, Exchange exchange) {
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_REQUEST_BYTES)).handler(rc -> {
            String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (type == null || !type.startsWith(mediaType)) {
                rc.response().setStatusCode(415).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                        .end(path + " takes " + mediaType + ", not " + type);
                return;
            }
            byte[] body = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
            MultiMap parameters = rc.queryParams();
            HttpServerResponse response = rc.response().setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, mediaType);
            writers.execute(() -> serve(path, exchange, parameters, body, response));
        });
    }

    private static void serve(String path, Exchange exchange, MultiMap parameters, byte[] body,
                              HttpServerResponse response) {
        try (ResponseOutputStream out = new ResponseOutputStream(response, CHUNK)) {
            exchange.run(parameters, new ByteArrayInputStream(body), out);
        } catch (IOException e) {
            // The front door closed the stream (C-CANCEL, a lost association) or stopped reading.
            LOG.debugf("%s ended by the caller: %s", path, e.getMessage());
            response.reset();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed", path);
            if (response.headWritten()) {
                response.reset();
            } else {
                response.setStatusCode(500).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                        .end(path + " failed: " + e.getClass().getSimpleName());
            }
        }
    }
}
