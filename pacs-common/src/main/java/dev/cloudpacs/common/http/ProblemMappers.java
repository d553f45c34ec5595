package dev.cloudpacs.common.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the framework answers on its own (no such resource, method not allowed, unsupported media type, an
 * unreadable body) and what nobody caught, in the one error format ({@link Problem}) of every service.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        String what = request.method() + " " + request.path();
        return switch (status) {
            case 404 -> Problem.of(status, "no resource at " + request.path());
            case 405 -> Problem.of(status, what + ": method not allowed");
            case 406 -> Problem.of(status, what + ": nothing acceptable to Accept: " + request.getHeader("Accept"));
            case 415 -> Problem.of(status, what + ": Content-Type " + request.getHeader("Content-Type") + " is not accepted");
            default -> {
                if (status >= 500) {
                    LOG.errorf(e, "%s: HTTP %d", what, status);
                    yield Problem.of(status, null);
                }
                yield Problem.of(status, what + ": " + e.getMessage());
            }
        };
    }

    /** A fault of ours: logged with its stack trace, answered without it. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("request failed", e);
        return Problem.of(500, "internal error (" + e.getClass().getSimpleName() + "), logged by the service");
    }
}
