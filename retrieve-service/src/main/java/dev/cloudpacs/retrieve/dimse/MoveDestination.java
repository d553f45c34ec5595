package dev.cloudpacs.retrieve.dimse;

import dev.cloudpacs.common.ae.ApplicationEntity;
import dev.cloudpacs.common.ae.PeerConnections;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.retrieve.store.DataSetReadAhead;

import java.io.IOException;
import java.util.List;

/**
 * The association to a C-MOVE destination: proposes, for each SOP class to send, every stored transfer
 * syntax plus the uncompressed ones as fallback, then sends C-STORE sub-operations carrying the Move
 * Originator (PS3.4 C.4.2.2.2).
 */
public final class MoveDestination implements AutoCloseable {
    private final Association as;
    private final String originatorAe;
    private final int originatorMessageId;
    private final int priority;

    private MoveDestination(Association as, String originatorAe, int originatorMessageId, int priority) {
        this.as = as;
        this.originatorAe = originatorAe;
        this.originatorMessageId = originatorMessageId;
        this.priority = priority;
    }

    /**
     * Opens the association from {@code callingAe} to {@code ae}.
     *
     * @throws IOException with a message fit for an Error Comment when it cannot be opened
     */
    public static MoveDestination open(PacsConfig config, ApplicationEntity ae, List<StoredInstance> toSend,
                                       String originatorAe, int originatorMessageId, int priority) throws IOException {
        AssociationRequest rq = new AssociationRequest(config.aeTitle(), ae.aeTitle);
        StoreScu.proposeContexts(rq, toSend.stream().map(i -> new StoreScu.Item(null, i.sopClassUid(),
                i.sopInstanceUid(), i.transferSyntaxUid(), 0)).toList());
        AssociationOptions options = AssociationOptions.DEFAULT
                .withMaxPduLength(config.dimse().maxPduLength())
                .withConnectTimeout((int) config.retrieve().connectTimeout().toMillis());
        Association as = Connector.connect(ae.host, ae.port, rq, options, PeerConnections.socketFactory(config, ae), null);
        return new MoveDestination(as, originatorAe, originatorMessageId, priority);
    }

    /**
     * Sends one instance's C-STORE request and data set (from memory or, for a large one, from its file);
     * its response is awaited on the returned handle, whose result carries the status, or -1 when no
     * accepted context can carry the instance.
     */
    public StoreScu.InFlight start(DataSetReadAhead.Loaded d) throws IOException {
        StoredInstance i = d.instance();
        return StoreScu.start(as, new StoreScu.Item(d.file(), i.sopClassUid(), i.sopInstanceUid(),
                i.transferSyntaxUid(), d.dataSetOffset()), d.data(), d.length(), priority, originatorAe,
                originatorMessageId);
    }

    public boolean isOpen() {
        return as.isOpen();
    }

    /** Why the association ended, when it did. */
    public dev.cloudpacs.dicom.net.dul.EndReason endReason() {
        return as.endReason();
    }

    @Override
    public void close() {
        try {
            if (as.isOpen()) {
                as.release();
            }
        } catch (IOException e) {
            as.abort("release failed: " + e.getMessage());
        }
    }
}
