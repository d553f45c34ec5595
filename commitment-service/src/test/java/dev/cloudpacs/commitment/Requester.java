package dev.cloudpacs.commitment;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.assoc.DefaultAcceptorPolicy;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.net.assoc.HandlerRegistry;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.service.StorageCommitmentScu;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** An in-process storage commitment SCU (dicom-net's StorageCommitmentScu) for the cases commit_scu cannot make. */
final class Requester implements AutoCloseable {
    final StorageCommitmentScu scu = new StorageCommitmentScu();
    final String aeTitle;
    final Association as;

    Requester(String aeTitle, int port) throws IOException {
        this.aeTitle = aeTitle;
        AssociationRequest rq = new AssociationRequest(aeTitle, ArchiveUnderTest.AE_TITLE);
        rq.addContext(StorageCommitmentScu.SOP_CLASS, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
        rq.addRole(StorageCommitmentScu.SOP_CLASS, true, false);
        as = Connector.connect("127.0.0.1", port, rq, AssociationOptions.DEFAULT, null,
                scu.register(new HandlerRegistry()));
    }

    int request(String tx, List<StorageCommitmentScu.Reference> refs) throws IOException {
        return scu.request(as, tx, refs);
    }

    /** Sends an N-ACTION as given (for the failure statuses) and returns the response. */
    Command raw(String requestedInstance, int actionType, DataSet info) throws IOException {
        PresentationContext pc = as.contextFor(StorageCommitmentScu.SOP_CLASS, null);
        Command rq = Commands.nActionRq(as.nextMessageId(), StorageCommitmentScu.SOP_CLASS, requestedInstance,
                actionType);
        return as.await(as.invoke(pc.id(), rq,
                out -> DicomWriter.writeDataSet(out, info, pc.transferSyntax(), WriteOptions.DEFAULT), null));
    }

    /** Listens on {@code port} for the N-EVENT-REPORT on a new association. */
    DicomServer listen(int port) throws IOException {
        HandlerRegistry h = scu.register(new HandlerRegistry());
        return DicomServer.start(null, port, null, AssociationOptions.DEFAULT, h,
                new DefaultAcceptorPolicy(h, AssociationOptions.DEFAULT).aeTitles(Set.of(aeTitle)), null);
    }

    @Override
    public void close() throws IOException {
        if (as.isOpen()) {
            as.release();
        }
    }
}
