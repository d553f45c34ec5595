package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationException;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.assoc.ResponseListener;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Query/Retrieve SCU (PS3.4 Annex C): C-FIND with matches streamed to a callback, C-MOVE and C-GET
 * with pending sub-operation counts, and C-CANCEL.
 */
public final class QueryRetrieveScu {
    /** Information model SOP classes, PS3.4 C.6. */
    public static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    public static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    public static final String PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";
    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";

    /** An operation in flight: its message ID (for C-CANCEL) and the final response. */
    public record Operation(Association association, int contextId, int messageId, CompletableFuture<Command> done) {
        /** Asks the SCP to stop (C-CANCEL); the final response then carries status FE00. */
        public void cancel() throws IOException {
            association.cancel(contextId, messageId);
        }

        /** Waits for the final response (within the association's DIMSE timeout between responses). */
        public Command await() throws IOException {
            return association.await(done);
        }
    }

    private QueryRetrieveScu() {
    }

    /** Sends C-FIND; each match (pending response identifier) goes to {@code onMatch}. */
    public static Operation find(Association as, String sopClass, DataSet keys, Consumer<DataSet> onMatch)
            throws IOException {
        PresentationContext pc = context(as, sopClass);
        Command rq = Commands.cFindRq(as.nextMessageId(), sopClass, Command.PRIORITY_MEDIUM);
        ResponseListener l = (rsp, data) -> {
            if (data != null && onMatch != null && dev.cloudpacs.dicom.net.dimse.Status.isPending(rsp.status())) {
                onMatch.accept(data);
            }
        };
        return new Operation(as, pc.id(), rq.messageId(), as.invoke(pc.id(), rq, writer(keys, pc), l));
    }

    /** Sends C-MOVE to {@code destination}; every response (with its counts) goes to {@code onResponse}. */
    public static Operation move(Association as, String sopClass, String destination, DataSet keys,
                                 Consumer<Command> onResponse) throws IOException {
        PresentationContext pc = context(as, sopClass);
        Command rq = Commands.cMoveRq(as.nextMessageId(), sopClass, Command.PRIORITY_MEDIUM, destination);
        return new Operation(as, pc.id(), rq.messageId(), as.invoke(pc.id(), rq, writer(keys, pc),
                (rsp, data) -> notify(onResponse, rsp)));
    }

    /**
     * Sends C-GET; the instances arrive as C-STORE requests on the same association, served by the
     * storage handler registered when it was opened.
     */
    public static Operation get(Association as, String sopClass, DataSet keys, Consumer<Command> onResponse)
            throws IOException {
        PresentationContext pc = context(as, sopClass);
        Command rq = Commands.cGetRq(as.nextMessageId(), sopClass, Command.PRIORITY_MEDIUM);
        return new Operation(as, pc.id(), rq.messageId(), as.invoke(pc.id(), rq, writer(keys, pc),
                (rsp, data) -> notify(onResponse, rsp)));
    }

    private static void notify(Consumer<Command> onResponse, Command rsp) {
        if (onResponse != null) {
            onResponse.accept(rsp);
        }
    }

    private static PresentationContext context(Association as, String sopClass) throws AssociationException {
        PresentationContext pc = as.contextFor(sopClass, null);
        if (pc == null) {
            throw new AssociationException(AssociationException.Kind.NO_PRESENTATION_CONTEXT,
                    "the peer did not accept " + sopClass);
        }
        return pc;
    }

    private static dev.cloudpacs.dicom.net.assoc.DataWriter writer(DataSet keys, PresentationContext pc) {
        return out -> DicomWriter.writeDataSet(out, keys, pc.transferSyntax(), WriteOptions.DEFAULT);
    }
}
