package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;

import java.io.IOException;

/** An incoming DIMSE request on the SCP side, with the means to answer it. */
public final class DimseRequest {
    private final Association association;
    private final PresentationContext context;
    private final Command command;
    private DataSet dataSet;
    private final Trigger cancelled = new Trigger();
    private volatile boolean detached;
    private DimseFailure pendingFailure;
    private volatile Object attachment;

    DimseRequest(Association association, PresentationContext context, Command command) {
        this.association = association;
        this.context = context;
        this.command = command;
    }

    public Association association() {
        return association;
    }

    public PresentationContext context() {
        return context;
    }

    public Command command() {
        return command;
    }

    /** The request's data set when it was buffered (no sink), else null. */
    public DataSet dataSet() {
        return dataSet;
    }

    void setDataSet(DataSet dataSet) {
        this.dataSet = dataSet;
    }

    /** Handler state carried from {@link DimseHandler#dataSink} to {@link DimseHandler#handle}. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    /** True once the requestor sent C-CANCEL for this request. */
    public boolean isCancelled() {
        return cancelled.fired();
    }

    /**
     * Runs {@code action} when the requestor sends C-CANCEL for this request (at once if it already has),
     * on the association's reading thread: it must not block. Close the subscription when the request is done.
     */
    public Subscription onCancel(Runnable action) {
        return cancelled.register(action);
    }

    void cancel() {
        cancelled.fire();
    }

    /** Remembers a failure found while the data set was still arriving; answered once it has. */
    void respondLater(DimseFailure failure) {
        if (pendingFailure == null) {
            pendingFailure = failure;
        }
    }

    DimseFailure pendingFailure() {
        return pendingFailure;
    }

    /** Answers with a failure status and its error comment (0000,0902). */
    public void respondFailure(DimseFailure failure) throws IOException {
        association.send(context.id(), Commands.response(command, failure.status())
                .withErrorComment(failure.getMessage()), null);
    }

    /**
     * Hands the request to another thread: it stays cancellable (C-CANCEL is routed to it) until
     * {@link #finished()} is called.
     */
    public void detach() {
        detached = true;
        association.trackActive(this, true);
    }

    /** True once {@link #detach()} was called: the handler's return no longer ends the request. */
    boolean detached() {
        return detached;
    }

    /** Ends what {@link #detach()} started. */
    public void finished() {
        association.trackActive(this, false);
    }

    /** Answers with a status and no data set. */
    public void respond(int status) throws IOException {
        association.send(context.id(), Commands.response(command, status), null);
    }

    /**
     * Answers with a prepared response command and a data set already encoded in this request's
     * presentation context transfer syntax (a relay passing bytes through without decoding them).
     */
    public void respondEncoded(Command response, byte[] encodedDataSet) throws IOException {
        respondEncoded(response, encodedDataSet, true);
    }

    /**
     * As {@link #respondEncoded(Command, byte[])}; with {@code flush} false the response may wait in the
     * send buffer for the next one (a burst of pending responses), and the next flushing send or
     * {@link Association#flush()} sends it.
     */
    public void respondEncoded(Command response, byte[] encodedDataSet, boolean flush) throws IOException {
        association.send(context.id(), response, out -> out.write(encodedDataSet), flush);
    }

    /** Answers with a prepared response command and an optional data set. */
    public void respond(Command response, DataSet data) throws IOException {
        association.send(context.id(), response, data == null ? null
                : out -> DicomWriter.writeDataSet(out, data, context.transferSyntax(), WriteOptions.DEFAULT));
    }
}
