package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.contracts.commitment.CommitmentNotice;
import dev.cloudpacs.contracts.commitment.CommitmentResult;
import dev.cloudpacs.common.commitment.CommitmentTransactions;
import dev.cloudpacs.common.commitment.EventReport;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.Subscription;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.ingest.client.CommitmentClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reports a storage commitment result on the association that asked, while it is open (PS3.4 J.3.3:
 * the SCP may use the same association). The result notice comes from Kafka (the index is checked too,
 * every second, in case a notice was missed); the report is claimed in the transaction row first, so it
 * is sent once. When the association closes first, or sending fails, the transaction is handed to
 * commitment-service, which reports on a new association.
 */
@ApplicationScoped
public class SameAssociationReport {
    private static final Logger LOG = Logger.getLogger(SameAssociationReport.class);
    /** How often the index is checked for a result whose Kafka notice was missed. */
    private static final long INDEX_CHECK_MILLIS = 1000;

    private final PacsConfig config;
    private final CommitmentClient client;
    private final CommitmentTransactions transactions;
    private final Counter delivered;

    public SameAssociationReport(PacsConfig config, CommitmentClient client, CommitmentTransactions transactions,
                                 MeterRegistry meters) {
        this.config = config;
        this.client = client;
        this.transactions = transactions;
        this.delivered = meters.counter("pacs_commitment_reports_total", "association", "same");
    }

    /** Waits (on a virtual thread) for the result of {@code tx}, asked on {@code as}, and reports it. */
    public void start(Association as, String tx, CompletableFuture<CommitmentNotice> result) {
        Thread.ofVirtual().name("commitment-report-" + tx).start(() -> {
            try {
                if (await(as, tx, result)) {
                    report(as, tx);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warnf("storage commitment %s: same-association report failed: %s", tx, e.getMessage());
                handOver(tx, e.getMessage());
            } finally {
                client.forget(tx);
            }
        });
    }

    /** True once the result is there while the association is open; false when the association closed. */
    private boolean await(Association as, String tx, CompletableFuture<CommitmentNotice> result)
            throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        // Wakes the wait below at once when the association closes, instead of looking every so often.
        try (Subscription onClose = as.onClose(() -> closed.complete(null))) {
            CompletableFuture<Object> either = CompletableFuture.anyOf(result, closed);
            while (true) {
                if (closed.isDone() || !as.isOpen()) {
                    handOver(tx, "requester's association closed before the result");
                    return false;
                }
                if (result.isDone()) {
                    result.get(); // a failed notice throws: handed over
                    return true;
                }
                var row = transactions.load(tx);
                if (row.isPresent() && row.get().result() != null) {
                    return true;
                }
                try {
                    either.get(INDEX_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // no notice yet: look in the index again
                }
            }
        }
    }

    private void report(Association as, String tx) throws Exception {
        Optional<CommitmentResult> claimed = transactions.claimSameAssociation(tx);
        if (claimed.isEmpty()) {
            return; // commitment-service took it (grace passed) or it was reported already
        }
        if (!as.isOpen()) {
            handOver(tx, "requester's association closed");
            return;
        }
        CommitmentResult r = claimed.get();
        int status;
        try {
            status = EventReport.send(as, r, config.aeTitle());
        } catch (IOException e) {
            handOver(tx, "N-EVENT-REPORT on the requester's association failed: " + e.getMessage());
            return;
        }
        transactions.delivered(tx, "same association");
        delivered.increment();
        if (status != Status.SUCCESS) {
            LOG.warnf("storage commitment %s: %s answered the N-EVENT-REPORT with %04X", tx, as.callingAeTitle(),
                    status);
        }
        LOG.debugf("storage commitment %s reported to %s on the same association: event type %d, %d failed",
                tx, as.callingAeTitle(), r.eventType(), r.failed().size());
    }

    private void handOver(String tx, String why) {
        try {
            transactions.requesterGone(tx, why);
        } catch (Exception e) {
            LOG.warnf("storage commitment %s: cannot hand over to commitment-service (%s); it reports after"
                    + " the grace period", tx, e.getMessage());
        }
    }
}
