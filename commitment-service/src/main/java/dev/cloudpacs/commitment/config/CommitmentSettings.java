package dev.cloudpacs.commitment.config;

import dev.cloudpacs.common.config.PacsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Checks and logs the storage commitment settings ({@code pacs.commitment.*}, see
 * {@link PacsConfig.Commitment}) at startup, so a deployment's effective timing is in its log.
 */
@ApplicationScoped
public class CommitmentSettings {
    private static final Logger LOG = Logger.getLogger(CommitmentSettings.class);

    private final PacsConfig config;

    public CommitmentSettings(PacsConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent ev) {
        PacsConfig.Commitment c = config.commitment();
        // Each value's own range is a constraint on PacsConfig; this is the one rule between two of them.
        if (c.retryMax().compareTo(c.retryInitial()) < 0) {
            throw new IllegalStateException("pacs.commitment.retry-max (" + c.retryMax()
                    + ") must not be less than pacs.commitment.retry-initial (" + c.retryInitial() + ")");
        }
        LOG.infof("storage commitment as %s: in-flight window %s, same-association grace %s, delivery deadline %s,"
                        + " retry %s..%s", config.aeTitle(), c.inFlightWindow(), c.sameAssociationGrace(),
                c.deliveryDeadline(), c.retryInitial(), c.retryMax());
    }
}
