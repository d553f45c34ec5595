package dev.cloudpacs.testkit;

import dev.cloudpacs.localinfra.LocalInfra;
import io.restassured.filter.Filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens of the shared local identity provider ({@link LocalInfra#identityProvider()}) for the tests'
 * HTTP calls: a user's token is fetched once a minute (it lives ten). {@link #restAssured()} gives every
 * RestAssured request without an {@code Authorization} header the administrator's token, so a test states
 * only where it means another user or none.
 */
public final class AccessTokens {
    /** The user with every role. */
    public static final String ADMIN = "admin";
    private static final long REUSE_NANOS = 60_000_000_000L;
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private record Token(String value, long fetchedAt) {
    }

    private AccessTokens() {
    }

    /** The issuer the services under test are pointed at (starts the identity provider on first use). */
    public static String issuer() {
        try {
            return LocalInfra.shared().identityProvider().issuer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local identity provider", e);
        }
    }

    /** A valid access token of local user {@code user} (reader, uploader, admin). */
    public static String of(String user) {
        long now = System.nanoTime();
        Token t = CACHE.get(user);
        if (t == null || now - t.fetchedAt() > REUSE_NANOS) {
            try {
                LocalInfra infra = LocalInfra.shared();
                infra.identityProvider();
                t = new Token(infra.token(user), now);
            } catch (IOException e) {
                throw new UncheckedIOException("no token for " + user, e);
            }
            CACHE.put(user, t);
        }
        return t.value();
    }

    /**
     * A token of local user {@code user} asked of {@code tokenEndpoint} by {@code client} (password grant):
     * for tokens the archive must refuse, e.g. from a client without the archive's audience, or through
     * another host name (Keycloak then issues them under another issuer).
     */
    public static String passwordGrant(String tokenEndpoint, String client, String user) {
        try {
            return LocalInfra.shared().token(tokenEndpoint, client, user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token endpoint of the local identity provider. */
    public static String tokenEndpoint() {
        try {
            return LocalInfra.shared().identityProvider().tokenEndpoint();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Authorization} header value for {@code user}. */
    public static String bearer(String user) {
        return "Bearer " + of(user);
    }

    /** {@code builder} with the administrator's token. */
    public static HttpRequest.Builder asAdmin(HttpRequest.Builder builder) {
        return builder.header("Authorization", bearer(ADMIN));
    }

    /** A RestAssured filter adding the administrator's token where a request names no Authorization. */
    public static Filter restAssured() {
        return (request, response, ctx) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", bearer(ADMIN));
            }
            return ctx.next(request, response);
        };
    }
}
