package dev.cloudpacs.commitment.dimse;

import dev.cloudpacs.common.ae.ApplicationEntity;
import dev.cloudpacs.common.ae.PeerConnections;
import dev.cloudpacs.contracts.commitment.CommitmentResult;
import dev.cloudpacs.common.commitment.EventReport;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu;

import java.io.IOException;
import java.util.List;

/**
 * A new association to the storage commitment requester, opened by the archive to send the
 * N-EVENT-REPORT (PS3.4 J.3.3): the archive is the association requester but keeps the SCP role of the
 * Storage Commitment Push Model, so it proposes SCP/SCU Role Selection with SCU role 0 and SCP role 1.
 */
public final class RequesterAssociation {
    private static final List<String> TRANSFER_SYNTAXES = List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2");

    private RequesterAssociation() {
    }

    /**
     * Reports {@code result} to {@code ae} and returns the N-EVENT-REPORT-RSP status.
     *
     * @throws IOException with a message fit for the transaction's last_error when the association cannot
     *                     be opened or fails
     */
    public static int report(PacsConfig config, ApplicationEntity ae, CommitmentResult result) throws IOException {
        AssociationRequest rq = new AssociationRequest(config.aeTitle(), ae.aeTitle);
        rq.addContext(StorageCommitmentScu.SOP_CLASS, TRANSFER_SYNTAXES);
        rq.addRole(StorageCommitmentScu.SOP_CLASS, false, true);
        AssociationOptions options = AssociationOptions.DEFAULT
                .withMaxPduLength(config.dimse().maxPduLength())
                .withConnectTimeout((int) config.commitment().connectTimeout().toMillis());
        Association as = Connector.connect(ae.host, ae.port, rq, options, PeerConnections.socketFactory(config, ae), null);
        try {
            int status = EventReport.send(as, result, config.aeTitle());
            as.release();
            return status;
        } catch (IOException e) {
            as.abort("N-EVENT-REPORT failed: " + e.getMessage());
            throw e;
        }
    }
}
