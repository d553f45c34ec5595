package dev.cloudpacs.commitment.service;

import dev.cloudpacs.commitment.dimse.RequesterAssociation;
import dev.cloudpacs.common.ae.AeRegistry;
import dev.cloudpacs.common.ae.ApplicationEntity;
import dev.cloudpacs.common.commitment.CommitmentTransactions;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.worker.Backoff;
import dev.cloudpacs.common.worker.Worker;
import dev.cloudpacs.common.worker.WorkerContext;
import dev.cloudpacs.dicom.net.dimse.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reports results on a new association to the requester (AE registry host and port) when the front door
 * could not use the requester's own association: it handed the transaction over, or did not claim it
 * within the grace period. Due transactions are claimed in the index one at a time (so one pod reports
 * each); a failed attempt is retried with exponential backoff until the delivery deadline, each failure
 * logged, recorded in the row (attempts, last_error) and counted.
 */
@ApplicationScoped
public class NewAssociationDelivery implements Worker {
    private static final Logger LOG = Logger.getLogger(NewAssociationDelivery.class);
    private static final Duration IDLE = Duration.ofMillis(200);
    /** A claim older than this is taken to be abandoned by a pod that died while reporting. */
    private static final Duration STALE = Duration.ofMinutes(2);
    private static final int PARALLEL = 16;

    private final PacsConfig config;
    private final CommitmentTransactions transactions;
    private final AeRegistry aes;
    private final Backoff backoff;
    private final Semaphore slots = new Semaphore(PARALLEL);
    private final Counter delivered;
    private final Counter failedAttempts;
    private final Counter givenUp;

    public NewAssociationDelivery(PacsConfig config, CommitmentTransactions transactions, AeRegistry aes,
                                  MeterRegistry meters) {
        this.config = config;
        this.transactions = transactions;
        this.aes = aes;
        this.backoff = new Backoff(config.commitment().retryInitial(), config.commitment().retryMax());
        this.delivered = meters.counter("pacs_commitment_reports_total", "association", "new");
        this.failedAttempts = meters.counter("pacs_commitment_report_failures_total");
        this.givenUp = meters.counter("pacs_commitment_reports_abandoned_total");
    }

    @Override
    public String name() {
        return "commitment-delivery";
    }

    /** Claims due transactions and reports each on a virtual thread, at most {@value #PARALLEL} at a time. */
    @Override
    public void run(WorkerContext context) throws Exception {
        while (!context.stopping()) {
            if (!slots.tryAcquire(IDLE.toMillis(), TimeUnit.MILLISECONDS)) {
                continue;
            }
            Optional<CommitmentTransactions.Row> due;
            try {
                due = transactions.claimDue(config.commitment().sameAssociationGrace(), STALE);
            } catch (Exception e) {
                slots.release();
                throw new Exception("index unavailable: " + e.getMessage(), e);
            }
            context.healthy();
            if (due.isEmpty()) {
                slots.release();
                context.pause(IDLE);
                continue;
            }
            CommitmentTransactions.Row row = due.get();
            Thread.ofVirtual().name("commitment-deliver-" + row.transactionUid()).start(() -> {
                try {
                    deliver(row);
                } finally {
                    slots.release();
                }
            });
        }
    }

    /** Stopping: reports under way finish (each bounded by the association's timeouts) or are left to a retry. */
    @Override
    public void close() {
        try {
            if (!slots.tryAcquire(PARALLEL, 10, TimeUnit.SECONDS)) {
                LOG.warnf("storage commitment reports still under way at shutdown; their transactions are retried");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(CommitmentTransactions.Row row) {
        String tx = row.transactionUid();
        try {
            Optional<ApplicationEntity> ae = aes.lookup(row.requesterAe());
            if (ae.isEmpty()) {
                failed(row, "requester AE " + row.requesterAe() + " is not registered (application_entity)");
                return;
            }
            int status = RequesterAssociation.report(config, ae.get(), row.result());
            transactions.delivered(tx, "new association");
            delivered.increment();
            if (status != Status.SUCCESS) {
                LOG.warnf("storage commitment %s: %s answered the N-EVENT-REPORT with %04X", tx, row.requesterAe(),
                        status);
            }
            LOG.infof("storage commitment %s reported to %s on a new association (attempt %d): event type %d",
                    tx, row.requesterAe(), row.attempts(), row.result().eventType());
        } catch (Exception e) {
            failed(row, e.getMessage());
        }
    }

    private void failed(CommitmentTransactions.Row row, String error) {
        failedAttempts.increment();
        Duration wait = backoff.after(row.attempts());
        try {
            CommitmentTransactions.State s = transactions.attemptFailed(row.transactionUid(), error,
                    Instant.now().plus(wait));
            if (s == CommitmentTransactions.State.FAILED) {
                givenUp.increment();
                LOG.errorf("storage commitment %s: report to %s abandoned after %d attempts (deadline passed): %s",
                        row.transactionUid(), row.requesterAe(), row.attempts(), error);
            } else {
                LOG.warnf("storage commitment %s: report to %s failed (attempt %d): %s; next try in %d ms",
                        row.transactionUid(), row.requesterAe(), row.attempts(), error, wait.toMillis());
            }
        } catch (Exception e) {
            LOG.warnf("storage commitment %s: failed attempt not recorded: %s", row.transactionUid(), e.getMessage());
        }
    }
}
