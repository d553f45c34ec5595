package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.UserIdentityAuthenticator;
import dev.cloudpacs.dicom.net.pdu.UserInformation.UserIdentityRq;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User Identity negotiation (PS3.7 D.3.3.7) checked against the archive's identity provider, the same one the
 * HTTP APIs trust: a username and passcode (type 2) must get a token from it (password grant of
 * {@code pacs.dimse.user-identity-client}), a JWT (type 5) must pass the same checks as a bearer token
 * (signature, issuer, audience, expiry). Either way the user's roles come from the token and are kept with
 * the association for {@link AePermission}. A bare username (type 1) proves nothing: it is taken as a claim
 * with no roles, and refused with {@code pacs.dimse.user-identity=REQUIRED}, as are Kerberos and SAML, which
 * the archive does not verify, and an association offering no identity. A refusal is A-ASSOCIATE-RJ
 * (rejected-permanent, service-user, no-reason-given: the one PS3.7 prescribes), with the reason in the log.
 * The positive response, when asked for, is empty (PS3.7 D.3.3.7.2 for types 1 and 2; for a JWT we add none).
 */
@ApplicationScoped
public class UserIdentityCheck implements UserIdentityAuthenticator {
    private static final Logger LOG = Logger.getLogger(UserIdentityCheck.class);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN_ENDPOINT = Pattern.compile("\"token_endpoint\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Who an association was authenticated as: the user's name and roles. */
    public record User(String name, Set<String> roles) {
    }

    private final PacsConfig.UserIdentity mode;
    private final String client;
    private final Instance<TenantIdentityProvider> tokens;
    private final Optional<String> issuer;
    private volatile String tokenEndpoint;
    private final Map<Association, User> users = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final io.micrometer.core.instrument.Counter accepted;
    private final io.micrometer.core.instrument.Counter refused;

    public UserIdentityCheck(PacsConfig config, Instance<TenantIdentityProvider> tokens,
                             @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer,
                             MeterRegistry meters) {
        this.mode = config.dimse().userIdentity();
        this.client = config.dimse().userIdentityClient();
        this.tokens = tokens;
        this.issuer = issuer.filter(i -> !i.isBlank());
        this.accepted = meters.counter("pacs_user_identity_total", "outcome", "accepted");
        this.refused = meters.counter("pacs_user_identity_total", "outcome", "refused");
    }

    /** The user the association was authenticated as, if it offered a verified identity. */
    public Optional<User> userOf(Association association) {
        return Optional.ofNullable(users.get(association));
    }

    @Override
    public byte[] authenticate(UserIdentityRq identity, String callingAeTitle) throws Rejected {
        return authenticate(identity, callingAeTitle, null);
    }

    @Override
    public byte[] authenticate(UserIdentityRq identity, String callingAeTitle, Association association)
            throws Rejected {
        if (identity == null || identity.type() == UserIdentityRq.USERNAME) {
            if (mode == PacsConfig.UserIdentity.REQUIRED) {
                throw refuse(callingAeTitle, identity == null ? "no user identity offered"
                        : "a username without passcode or token proves nothing");
            }
            return new byte[0];
        }
        User user = switch (identity.type()) {
            case UserIdentityRq.USERNAME_AND_PASSCODE -> verify(passwordGrant(callingAeTitle, identity), callingAeTitle);
            case UserIdentityRq.JWT -> verify(new String(identity.primaryField(), StandardCharsets.US_ASCII).strip(),
                    callingAeTitle);
            default -> throw refuse(callingAeTitle, "user identity type " + identity.type()
                    + " (Kerberos or SAML) is not supported; offer a username and passcode or a JWT");
        };
        if (association != null) {
            users.put(association, user);
            association.onClose(() -> users.remove(association));
        }
        accepted.increment();
        LOG.debugf("association from %s authenticated as user %s, roles %s", callingAeTitle, user.name(), user.roles());
        return new byte[0];
    }

    /** A token for the username and passcode, from the provider's token endpoint. */
    private String passwordGrant(String calling, UserIdentityRq identity) throws Rejected {
        String username = new String(identity.primaryField(), StandardCharsets.UTF_8);
        String passcode = new String(identity.secondaryField(), StandardCharsets.UTF_8);
        String endpoint = tokenEndpoint(calling);
        String form = "grant_type=password&client_id=" + enc(client) + "&scope=openid&username=" + enc(username)
                + "&password=" + enc(passcode);
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw refuse(calling, "user '" + username + "': the identity provider did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refuse(calling, "user '" + username + "': interrupted");
        }
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            // The provider's answer names the error (invalid_grant, ...); it never holds the passcode.
            throw refuse(calling, "user '" + username + "': the identity provider refused the username and passcode"
                    + " (HTTP " + r.statusCode() + (r.statusCode() == 401 || r.statusCode() == 400
                    ? ", invalid_grant" : "") + ")");
        }
        return m.group(1);
    }

    /** The provider's token endpoint, from its discovery document (read once). */
    private String tokenEndpoint(String calling) throws Rejected {
        String endpoint = tokenEndpoint;
        if (endpoint != null) {
            return endpoint;
        }
        if (issuer.isEmpty()) {
            throw refuse(calling, "no identity provider is configured (PACS_OIDC_ISSUER)");
        }
        String discovery = issuer.get().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(discovery)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TOKEN_ENDPOINT.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw refuse(calling, "the identity provider's discovery document has no token endpoint: " + discovery);
            }
            tokenEndpoint = m.group(1);
            return tokenEndpoint;
        } catch (IOException e) {
            throw refuse(calling, "the identity provider did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refuse(calling, "interrupted");
        }
    }

    /** The user of a token that passes the bearer-token checks of the HTTP APIs. */
    private User verify(String token, String calling) throws Rejected {
        if (!tokens.isResolvable()) {
            throw refuse(calling, "no identity provider is configured to verify tokens");
        }
        try {
            SecurityIdentity id = tokens.get().authenticate(new AccessTokenCredential(token)).await().atMost(TIMEOUT);
            return new User(id.getPrincipal().getName(), Set.copyOf(id.getRoles()));
        } catch (RuntimeException e) {
            throw refuse(calling, "the token was refused (expired, not signed by the identity provider, from"
                    + " another issuer or not for this archive)");
        }
    }

    private Rejected refuse(String calling, String why) {
        refused.increment();
        LOG.infof("association from %s rejected: %s", calling, why);
        return new Rejected(why);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
