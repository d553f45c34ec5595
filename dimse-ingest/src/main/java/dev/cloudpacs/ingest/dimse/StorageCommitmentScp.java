package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.contracts.commitment.CommitmentNotice;
import dev.cloudpacs.contracts.commitment.CommitmentRequest;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.assoc.DimseHandler;
import dev.cloudpacs.dicom.net.assoc.DimseRequest;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu;
import dev.cloudpacs.ingest.client.CommitmentClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;

/**
 * Storage Commitment Push Model SCP of the front door (PS3.4 Annex J), the N-ACTION side: checks the
 * request, queues it durably for commitment-service ({@link CommitmentClient}) and answers 0000 once
 * Kafka acknowledged it; then {@link SameAssociationReport} waits for the result to report it on this
 * association while it stays open.
 */
@ApplicationScoped
public class StorageCommitmentScp implements DimseHandler {
    private static final Logger LOG = Logger.getLogger(StorageCommitmentScp.class);

    /** Action Type ID of "Request Storage Commitment". */
    public static final int REQUEST_STORAGE_COMMITMENT = 1;

    private final PacsConfig config;
    private final CommitmentClient client;
    private final SameAssociationReport report;
    private final Counter requests;
    private final Counter refused;

    public StorageCommitmentScp(PacsConfig config, CommitmentClient client, SameAssociationReport report,
                                MeterRegistry meters) {
        this.config = config;
        this.client = client;
        this.report = report;
        this.requests = meters.counter("pacs_commitment_requests_total");
        this.refused = meters.counter("pacs_commitment_requests_refused_total");
    }

    @Override
    public void handle(DimseRequest request) throws Exception {
        requests.increment();
        Command rq = request.command();
        Association as = request.association();
        ActionInformation info;
        try {
            checkInstance(rq);
            if (rq.actionTypeId() != REQUEST_STORAGE_COMMITMENT) {
                throw new DimseFailure(Status.NO_SUCH_ACTION_TYPE, "Action Type ID " + rq.actionTypeId()
                        + " is not 1 (Request Storage Commitment)");
            }
            info = ActionInformation.parse(request.dataSet(), config.commitment().maxReferences());
        } catch (DimseFailure f) {
            refused.increment();
            LOG.infof("storage commitment N-ACTION from %s refused with %04X: %s", as.callingAeTitle(),
                    f.status(), f.getMessage());
            throw f;
        }
        CommitmentRequest cr = new CommitmentRequest(info.transactionUid(), as.callingAeTitle(), as.calledAeTitle(),
                info.references());
        CompletableFuture<CommitmentNotice> result = new CompletableFuture<>();
        CommitmentClient.Queued queued;
        try {
            queued = client.submit(cr, result::complete);
        } catch (CommitmentClient.Unavailable e) {
            refused.increment();
            LOG.warnf("storage commitment N-ACTION from %s (transaction %s) answered 0110: %s", as.callingAeTitle(),
                    cr.transactionUid(), e.getMessage());
            throw new DimseFailure(Status.PROCESSING_FAILURE, e.getMessage());
        }
        request.respond(Commands.response(rq, Status.SUCCESS), null);
        LOG.debugf("storage commitment transaction %s from %s: %d references (%s)", cr.transactionUid(),
                as.callingAeTitle(), cr.references().size(), queued);
        report.start(as, cr.transactionUid(), result);
    }

    private static void checkInstance(Command rq) throws DimseFailure {
        String iuid = rq.requestedSopInstanceUid();
        if (iuid == null || !UIDs.isValid(iuid)) {
            throw new DimseFailure(Status.INVALID_OBJECT_INSTANCE, "Requested SOP Instance UID '" + iuid
                    + "' is not a valid UID");
        }
        if (!StorageCommitmentScu.SOP_INSTANCE.equals(iuid)) {
            throw new DimseFailure(Status.NO_SUCH_OBJECT_INSTANCE, "Requested SOP Instance UID must be the"
                    + " well-known instance " + StorageCommitmentScu.SOP_INSTANCE);
        }
    }
}
