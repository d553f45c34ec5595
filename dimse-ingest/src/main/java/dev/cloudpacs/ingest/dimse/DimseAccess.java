package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.common.ae.AeRegistry;
import dev.cloudpacs.common.ae.ApplicationEntity;
import dev.cloudpacs.dicom.net.assoc.DataSink;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.dimse.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Who may do what over DIMSE, per operation ({@link AePermission}): a handler wrapped by {@link #guard}
 * refuses a request with 0124 "Refused: Not Authorized" (PS3.7 C.5, a status every DIMSE-C service may return)
 * and an Error Comment naming what is missing, before a byte of its data set is kept; the association stays
 * open for what is allowed. Two things are checked, and both must allow it:
 * <ul>
 *   <li>the calling AE's registry flag, when the AE is registered (an unregistered one gets here only with
 *       the calling-AE allowlist off, and its title alone restricts nothing);</li>
 *   <li>the user's role, when the association was authenticated through User Identity negotiation
 *       ({@link UserIdentityCheck}): the same role names as the HTTP APIs.</li>
 * </ul>
 * When the registry cannot be read the request is refused with A700, as everything else that needs the
 * database is (fail closed).
 */
@ApplicationScoped
public class DimseAccess {
    private static final Logger LOG = Logger.getLogger(DimseAccess.class);

    private final AeRegistry registry;
    private final UserIdentityCheck users;
    private final MeterRegistry meters;
    private final Map<AePermission, List<String>> roles = new EnumMap<>(AePermission.class);

    public DimseAccess(AeRegistry registry, UserIdentityCheck users, MeterRegistry meters) {
        this.registry = registry;
        this.users = users;
        this.meters = meters;
        for (AePermission p : AePermission.values()) {
            roles.put(p, ConfigProvider.getConfig().getOptionalValues(
                    "quarkus.http.auth.policy." + p.policy + ".roles-allowed", String.class).orElse(List.of()));
        }
    }

    /**
     * {@code handler}, serving only what {@code permission} admits; refusals are counted in
     * {@code pacs_dimse_refused_total{permission=...}}.
     */
    public DimseHandler guard(AePermission permission, DimseHandler handler) {
        Counter refused = meters.counter("pacs_dimse_refused_total", "permission", permission.flag);
        return new DimseHandler() {
            @Override
            public DataSink dataSink(DimseRequest request) throws DimseFailure {
                check(permission, request, refused);
                return handler.dataSink(request);
            }

            @Override
            public void handle(DimseRequest request) throws Exception {
                check(permission, request, refused); // a request without a data set gets here without dataSink
                handler.handle(request);
            }
        };
    }

    private void check(AePermission p, DimseRequest request, Counter refused) throws DimseFailure {
        String calling = request.association().callingAeTitle();
        ApplicationEntity ae;
        try {
            ae = registry.lookup(calling).orElse(null);
        } catch (RuntimeException e) {
            LOG.warnf("%s from %s refused: AE registry unavailable: %s", request.command().commandField(), calling,
                    e.getMessage());
            throw new DimseFailure(Status.OUT_OF_RESOURCES, "AE registry unavailable, try again later");
        }
        if (ae != null && !p.granted.test(ae)) {
            refused.increment();
            LOG.infof("%s from %s refused: not authorized to %s (AE registry: %s off)",
                    request.command().commandField(), calling, p.action, p.flag);
            // 64 characters at most: the Error Comment's length (LO).
            throw new DimseFailure(Status.NOT_AUTHORIZED, "not authorized to " + p.action + " (" + p.flag + " off)");
        }
        var user = users.userOf(request.association());
        if (user.isPresent() && user.get().roles().stream().noneMatch(roles.get(p)::contains)) {
            refused.increment();
            LOG.infof("%s from %s refused: user %s has no role to %s (%s)", request.command().commandField(), calling,
                    user.get().name(), p.action, roles.get(p));
            throw new DimseFailure(Status.NOT_AUTHORIZED, "user has no role to " + p.action);
        }
    }
}
