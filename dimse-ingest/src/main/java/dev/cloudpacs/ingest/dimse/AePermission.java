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
import org.jboss.logging.Logger;

import java.util.function.Predicate;

/**
 * What a registered calling AE may do (its AE registry flags), enforced per operation: a handler wrapped
 * by {@link #guard} refuses the request with 0124 "Refused: Not Authorized" (PS3.7 C.5.x, a status every
 * DIMSE-C service may return) and an Error Comment naming the flag, before a byte of its data set is kept.
 * The association stays open for what the AE may do. A calling AE that is not registered gets here only
 * with the calling-AE allowlist off ({@code pacs.dimse.check-calling-ae=false}); then nothing restricts it.
 * When the registry cannot be read the request is refused with A700, as everything else that needs the
 * database is.
 */
public enum AePermission {
    /** C-STORE: may send us objects. */
    STORE("store objects", "mayStore", ae -> ae.mayStore),
    /** C-FIND: may query us. */
    QUERY("query", "mayQuery", ae -> ae.mayQuery),
    /** C-MOVE and C-GET as requester: may retrieve from us. */
    RETRIEVE("retrieve", "mayRetrieve", ae -> ae.mayRetrieve);

    private static final Logger LOG = Logger.getLogger(AePermission.class);

    private final String action;
    private final String flag;
    private final Predicate<ApplicationEntity> granted;

    AePermission(String action, String flag, Predicate<ApplicationEntity> granted) {
        this.action = action;
        this.flag = flag;
        this.granted = granted;
    }

    /**
     * {@code handler}, serving only calling AEs that this permission admits; refusals are counted in
     * {@code pacs_dimse_refused_total{permission=...}}.
     */
    public DimseHandler guard(DimseHandler handler, AeRegistry registry, MeterRegistry meters) {
        Counter refused = meters.counter("pacs_dimse_refused_total", "permission", flag);
        return new DimseHandler() {
            @Override
            public DataSink dataSink(DimseRequest request) throws DimseFailure {
                check(request);
                return handler.dataSink(request);
            }

            @Override
            public void handle(DimseRequest request) throws Exception {
                check(request); // a request without a data set gets here without dataSink
                handler.handle(request);
            }

            private void check(DimseRequest request) throws DimseFailure {
                String calling = request.association().callingAeTitle();
                ApplicationEntity ae;
                try {
                    ae = registry.lookup(calling).orElse(null);
                } catch (RuntimeException e) {
                    // Fail closed: what cannot be checked is not done; the requester may try again.
                    LOG.warnf("%s from %s refused: AE registry unavailable: %s", request.command().commandField(),
                            calling, e.getMessage());
                    throw new DimseFailure(Status.OUT_OF_RESOURCES, "AE registry unavailable, try again later");
                }
                if (ae != null && !granted.test(ae)) {
                    refused.increment();
                    LOG.infof("%s from %s refused: not authorized to %s (AE registry: %s off)",
                            request.command().commandField(), calling, action, flag);
                    // 64 characters at most: the Error Comment's length (LO).
                    throw new DimseFailure(Status.NOT_AUTHORIZED, "not authorized to " + action + " ("
                            + flag + " off)");
                }
            }
        };
    }
}
