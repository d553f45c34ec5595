package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.common.ae.AeRegistry;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.find.FindNegotiation;
import dev.cloudpacs.dicom.core.dict.UidRegistry;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.ConnectionLimits;
import dev.cloudpacs.dicom.net.assoc.DefaultAcceptorPolicy;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.assoc.Tls;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one DIMSE node modalities configure: listens on the DIMSE port (and the TLS port when
 * configured), applies the AE policy, answers C-ECHO, ingests C-STORE, relays C-FIND to
 * query-service ({@link FindHandler}) and hands C-MOVE ({@link MoveHandler}) and C-GET
 * ({@link GetHandler}) to retrieve-service, and queues storage commitment ({@link StorageCommitmentScp}) for
 * commitment-service. Logs one line per association and drains open associations
 * on shutdown.
 */
@ApplicationScoped
public class DimseFrontDoor {
    private static final Logger LOG = Logger.getLogger("dev.cloudpacs.ingest.association");

    private final PacsConfig config;
    private final StoreHandler store;
    private final FindHandler find;
    private final MoveHandler move;
    private final GetHandler get;
    private final StorageCommitmentScp commitment;
    private final AeRegistry aes;
    private final DimseAccess access;
    private final UserIdentityCheck userIdentity;
    private final MeterRegistry meters;
    private final List<DicomServer> servers = new ArrayList<>();
    private Counter total;
    private Counter rejected;
    private DefaultAcceptorPolicy policy;

    public DimseFrontDoor(PacsConfig config, StoreHandler store, FindHandler find, MoveHandler move, GetHandler get,
            StorageCommitmentScp commitment, AeRegistry aes, DimseAccess access, UserIdentityCheck userIdentity,
            MeterRegistry meters) {
        this.access = access;
        this.userIdentity = userIdentity;
        this.config = config;
        this.store = store;
        this.find = find;
        this.move = move;
        this.get = get;
        this.commitment = commitment;
        this.aes = aes;
        this.meters = meters;
    }

    void start(@Observes StartupEvent ev) throws IOException {
        PacsConfig.Dimse d = config.dimse();
        AssociationOptions options = AssociationOptions.DEFAULT.withMaxPduLength(d.maxPduLength())
                .withIdleTimeout(d.idleTimeout().toMillis()).withArtim(d.associationRequestTimeout().toMillis());
        ConnectionLimits limits = new ConnectionLimits(d.maxConnections(), d.maxConnectionsPerAddress());
        HandlerRegistry handlers = VerificationScp.register(new HandlerRegistry())
                .register(UidRegistry::isStorageSopClass, CommandField.C_STORE_RQ,
                        access.guard(AePermission.STORE, store))
                .register(FindHandler.SOP_CLASSES::contains, CommandField.C_FIND_RQ,
                        access.guard(AePermission.QUERY, find))
                .register(MoveHandler.SOP_CLASSES::contains, CommandField.C_MOVE_RQ,
                        access.guard(AePermission.RETRIEVE, move))
                .register(GetHandler.SOP_CLASSES::contains, CommandField.C_GET_RQ,
                        access.guard(AePermission.RETRIEVE, get))
                .register(Set.of(StorageCommitmentScu.SOP_CLASS), CommandField.N_ACTION_RQ, commitment);
        policy = new DefaultAcceptorPolicy(handlers, options)
                .aeTitles(d.checkCalledAe() ? Set.of(config.aeTitle()) : Set.of())
                .callingAllowedFrom((ae, from) -> !d.checkCallingAe()
                        || (d.checkCallingHost() ? aes.isKnownFrom(ae, from) : aes.isKnown(ae)))
                .authenticator(userIdentity)
                .maxAssociations(d.maxAssociations())
                .shares(d.maxAssociationsPerCallingAe(), d.maxAssociationsPerAddress(), d.reservedAssociations())
                .storeAsIs(UidRegistry::isStorageSopClass)
                .extendedNegotiation(DimseFrontDoor::extendedNegotiation);
        total = meters.counter("pacs_associations_total");
        rejected = meters.counter("pacs_associations_rejected_total");
        meters.gauge("pacs_associations_open", this, DimseFrontDoor::openAssociations);
        meters.gauge("pacs_dimse_connections_open", this,
                f -> f.servers.stream().mapToInt(DicomServer::openConnections).sum());
        meters.more().counter("pacs_dimse_connections_refused_total", java.util.List.of(), this,
                f -> f.servers.stream().mapToLong(DicomServer::refusedConnections).sum());
        InetAddress bind = InetAddress.getByName(d.bind());
        servers.add(DicomServer.start(bind, d.port(), null, options, handlers, policy, this::log, limits));
        if (d.tlsPort().isPresent() && d.tls().keyStore().isPresent()) {
            Tls tls = Tls.of(java.nio.file.Path.of(d.tls().keyStore().get()), chars(d.tls().keyStorePassword()),
                    d.tls().trustStore().map(java.nio.file.Path::of).orElse(null), chars(d.tls().trustStorePassword()),
                    d.tls().requireClientCertificate());
            servers.add(DicomServer.start(bind, d.tlsPort().get(), tls.serverSocketFactory(), options, handlers, policy,
                    this::log, limits));
        }
        for (DicomServer s : servers) {
            LOG.infof("DIMSE node %s listening on port %d%s", config.aeTitle(), s.port(), s.isTls() ? " (TLS)" : "");
        }
    }

    /**
     * SOP Class Extended Negotiation (PS3.4 C.5): for C-FIND relational queries and combined date-time
     * matching; for C-MOVE and C-GET relational retrieve (byte 1), which we support.
     */
    private static byte[] extendedNegotiation(String cuid, byte[] info) {
        if (FindHandler.SOP_CLASSES.contains(cuid)) {
            return FindNegotiation.accept(info);
        }
        if ((MoveHandler.SOP_CLASSES.contains(cuid) || GetHandler.SOP_CLASSES.contains(cuid)) && info.length > 0) {
            return new byte[]{(byte) (info[0] == 1 ? 1 : 0)};
        }
        return null;
    }

    /** Whether relational retrieve was negotiated for this C-MOVE/C-GET SOP class on the association. */
    static boolean relationalRetrieve(Association as, String cuid) {
        var ac = as.associateAccept();
        if (ac == null || ac.userInformation() == null) {
            return false;
        }
        for (var e : ac.userInformation().extendedNegotiations()) {
            if (e.sopClassUid().equals(cuid)) {
                return e.info().length > 0 && e.info()[0] == 1;
            }
        }
        return false;
    }

    private static char[] chars(java.util.Optional<String> s) {
        return s.map(String::toCharArray).orElse(null);
    }

    void stop(@Observes ShutdownEvent ev) {
        for (DicomServer s : servers) {
            s.shutdown(config.dimse().shutdownGrace().toMillis());
        }
    }

    /** The port the plain listener is bound to (the configured one, or the chosen one for port 0). */
    public int port() {
        return servers.isEmpty() ? -1 : servers.get(0).port();
    }

    public boolean listening() {
        return !servers.isEmpty();
    }

    public int openAssociations() {
        return servers.stream().mapToInt(DicomServer::openAssociations).sum();
    }

    private void log(Association as) {
        total.increment();
        var s = as.stats();
        var end = as.endReason();
        if (as.associateAccept() == null) {
            rejected.increment();
        }
        LOG.infof("association peer=%s calling=%s called=%s contexts=%d/%d instances=%d bytes=%d duration_ms=%d end=\"%s\"",
                as.remoteAddress(), as.callingAeTitle(), as.calledAeTitle(), s.contextsAccepted(), s.contextsProposed(),
                s.messages(), s.bytesReceived(), s.durationMillis(), end == null ? "closed" : end);
    }
}
