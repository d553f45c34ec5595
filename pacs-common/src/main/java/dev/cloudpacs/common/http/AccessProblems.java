package dev.cloudpacs.common.http;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Refused requests in the one error format ({@link Problem}): a missing, expired, forged or foreign token is
 * 401 with an RFC 6750 {@code WWW-Authenticate: Bearer} challenge, a valid token without the role the path
 * needs is 403. Authentication runs before the resources (proactively, at the HTTP layer), so its failures
 * reach this route failure handler, not the resources' exception mappers. The detail says what to do and
 * never repeats the token.
 */
@ApplicationScoped
public class AccessProblems {
    private static final Logger LOG = Logger.getLogger(AccessProblems.class);
    static final String REALM = "cloudpacs";

    void register(@Observes Router router,
                  @ConfigProperty(name = "quarkus.http.auth.permission.open.paths") List<String> open) {
        // Quarkus answers a request without credentials on a protected path with a bare challenge (no body),
        // so those are answered here, first of all, from the same list of open paths the policy uses.
        // A CORS preflight carries no credentials by design and goes on to the CORS filter.
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            if (rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null && !isOpen(rc.normalizedPath(), open)
                    && !isPreflight(rc)) {
                send(rc, 401, rc.request().method() + " " + rc.request().path()
                        + ": a bearer token is required (Authorization: Bearer TOKEN from the identity provider)",
                        "Bearer realm=\"" + REALM + "\"");
                return;
            }
            rc.next();
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    static boolean isOpen(String path, List<String> open) {
        for (String p : open) {
            if (p.endsWith("/*") ? path.equals(p.substring(0, p.length() - 2)) || path.startsWith(p.substring(0, p.length() - 1))
                    : path.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPreflight(RoutingContext rc) {
        return rc.request().method() == HttpMethod.OPTIONS && rc.request().getHeader("Origin") != null
                && rc.request().getHeader("Access-Control-Request-Method") != null;
    }

    private void handle(RoutingContext rc) {
        Throwable f = rc.failure();
        if (rc.response().headWritten()) {
            rc.next();
            return;
        }
        String what = rc.request().method() + " " + rc.request().path();
        if (f instanceof AuthenticationFailedException || f instanceof AuthenticationCompletionException
                || f instanceof UnauthorizedException) {
            boolean presented = rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
            String challenge = "Bearer realm=\"" + REALM + "\""
                    + (presented ? ", error=\"invalid_token\", error_description=\"the token was refused\"" : "");
            String detail = presented
                    ? what + ": the bearer token was refused (expired, not signed by the identity provider,"
                    + " from another issuer or not for this archive); get a new one"
                    : what + ": a bearer token is required (Authorization: Bearer TOKEN from the identity provider)";
            LOG.debugf("%s refused: %s", what, f.getMessage());
            send(rc, 401, detail, challenge);
        } else if (f instanceof ForbiddenException) {
            send(rc, 403, what + ": the token's roles do not allow this", null);
        } else {
            rc.next();
        }
    }

    private static void send(RoutingContext rc, int status, String detail, String challenge) {
        var response = rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Warning", Problem.warning(detail));
        if (challenge != null) {
            response.putHeader("WWW-Authenticate", challenge);
        }
        response.end(Problem.text(status, detail));
    }
}
