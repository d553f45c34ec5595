package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.dul.EndReason;
import dev.cloudpacs.dicom.net.dul.State;
import dev.cloudpacs.dicom.net.dul.UpperLayer;
import dev.cloudpacs.dicom.net.dul.UpperLayerListener;
import dev.cloudpacs.dicom.net.pdu.AAbort;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.PDataTf;
import dev.cloudpacs.dicom.net.pdu.Pdv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An association from the service user's point of view (either side): negotiated presentation
 * contexts, DIMSE messages assembled from PDVs and sent fragmented to the peer's maximum PDU length,
 * message ID bookkeeping and response routing, release and abort.
 */
public final class Association implements UpperLayerListener {
    private static final Logger LOG = Logger.getLogger(Association.class.getName());
    /** Longest command set collected from fragments; real ones are a few hundred bytes. */
    static final int MAX_COMMAND_LENGTH = 1 << 20;

    private final AssociationOptions options;
    private final HandlerRegistry handlers;
    private final AcceptorPolicy policy;
    private UpperLayer upperLayer;
    private volatile AAssociateRq request;
    private volatile AAssociateAc acceptance;
    private final Map<Integer, PresentationContext> contexts = new LinkedHashMap<>();
    private final Map<Integer, String> proposedAbstractSyntax = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Integer, DimseRequest> active = new ConcurrentHashMap<>();
    private MessageWriter writer;
    private final CompletableFuture<Association> established = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Trigger closing = new Trigger();
    private final AssociationStats stats = new AssociationStats();
    private volatile EndReason endReason;

    // Receive state: the message being assembled (PDVs of one message are never interleaved).
    private ByteArrayOutputStream commandBytes = new ByteArrayOutputStream(256);
    private Command command;
    private PresentationContext commandContext;
    private DimseRequest inbound;
    private DataSink sink;
    private ByteArrayOutputStream dataBytes;

    /** A request we sent and the responses still to come. */
    private record Pending(ResponseListener listener, CompletableFuture<Command> done) {
    }

    Association(AssociationOptions options, HandlerRegistry handlers, AcceptorPolicy policy) {
        this.options = options;
        this.handlers = handlers == null ? new HandlerRegistry() : handlers;
        this.policy = policy;
    }

    void attach(UpperLayer upperLayer) {
        this.upperLayer = upperLayer;
        this.writer = new MessageWriter(upperLayer);
    }

    UpperLayer upperLayer() {
        return upperLayer;
    }

    CompletableFuture<Association> established() {
        return established;
    }

    void rememberProposal(AAssociateRq rq) {
        this.request = rq;
        rq.presentationContexts().forEach(pc -> proposedAbstractSyntax.put(pc.id(), pc.abstractSyntax()));
    }

    // ---- identity ---------------------------------------------------------------------------------

    public String callingAeTitle() {
        return request == null ? null : request.callingAeTitle();
    }

    public String calledAeTitle() {
        return request == null ? null : request.calledAeTitle();
    }

    public String remoteAddress() {
        return upperLayer.socket().getRemoteSocketAddress().toString();
    }

    /** The peer's IP address (for access rules that bind an AE title to its host). */
    public java.net.InetAddress remoteHost() {
        return upperLayer == null ? null : upperLayer.socket().getInetAddress();
    }

    public AAssociateRq associateRequest() {
        return request;
    }

    public AAssociateAc associateAccept() {
        return acceptance;
    }

    public boolean isRequestor() {
        return upperLayer.isRequestor();
    }

    public AssociationStats stats() {
        return stats;
    }

    /** Why the association ended, or null while it is open. */
    public EndReason endReason() {
        return endReason != null ? endReason : upperLayer.endReason();
    }

    public boolean isOpen() {
        return upperLayer.state() == State.STA6;
    }

    /** The accepted presentation contexts, by id. */
    public Collection<PresentationContext> contexts() {
        synchronized (contexts) {
            return List.copyOf(contexts.values());
        }
    }

    /** An accepted context for {@code abstractSyntax}, preferring {@code transferSyntaxUid}; null if none. */
    public PresentationContext contextFor(String abstractSyntax, String transferSyntaxUid) {
        PresentationContext any = null;
        for (PresentationContext pc : contexts()) {
            if (pc.abstractSyntax().equals(abstractSyntax)) {
                if (transferSyntaxUid == null || pc.transferSyntaxUid().equals(transferSyntaxUid)) {
                    return pc;
                }
                if (any == null) {
                    any = pc;
                }
            }
        }
        return transferSyntaxUid == null ? any : null;
    }

    /** Every accepted context for {@code abstractSyntax}. */
    public List<PresentationContext> contextsFor(String abstractSyntax) {
        List<PresentationContext> out = new ArrayList<>();
        for (PresentationContext pc : contexts()) {
            if (pc.abstractSyntax().equals(abstractSyntax)) {
                out.add(pc);
            }
        }
        return out;
    }

    /** The peer's Maximum Length for P-DATA-TF PDUs (0 = unlimited). */
    public long peerMaxPduLength() {
        if (upperLayer.isRequestor()) {
            return acceptance == null ? 0 : acceptance.userInformation().maxPduLength();
        }
        return request == null ? 0 : request.userInformation().maxPduLength();
    }

    public int nextMessageId() {
        return messageIds.updateAndGet(i -> i >= 0xFFFF ? 1 : i + 1);
    }

    void setAccepted(AAssociateAc ac) {
        this.acceptance = ac;
        synchronized (contexts) {
            contexts.clear();
            for (var pc : ac.presentationContexts()) {
                if (pc.result() == dev.cloudpacs.dicom.net.pdu.PresentationContextAc.Result.ACCEPTANCE) {
                    String as = proposedAbstractSyntax.get(pc.id());
                    if (as != null) {
                        contexts.put(pc.id(), new PresentationContext(pc.id(), as, pc.transferSyntax()));
                    }
                }
            }
        }
    }

    // ---- sending ---------------------------------------------------------------------------------

    /**
     * Sends one DIMSE message: the command, then the data set (if {@code data} is not null) written
     * through a fragmenting stream. Messages from several threads are serialised, never interleaved.
     */
    public void send(int contextId, Command cmd, DataWriter data) throws IOException {
        send(contextId, cmd, data, true);
    }

    /** Sends what is still buffered from sends that did not flush. */
    public void flush() throws IOException {
        upperLayer.flush();
    }

    /**
     * Sends a message; with {@code flush} false its last PDU may stay in the send buffer until the next
     * flushing send or {@link #flush()} (for bursts of small messages).
     */
    public void send(int contextId, Command cmd, DataWriter data, boolean flush) throws IOException {
        long sent = writer.write(contextId, cmd, data, flush, peerMaxPduLength(), data != null && deflated(contextId));
        if (data != null) {
            stats.sent(sent);
        }
    }

    private boolean deflated(int contextId) {
        PresentationContext pc;
        synchronized (contexts) {
            pc = contexts.get(contextId);
        }
        return pc != null && pc.transferSyntax().deflated();
    }

    /**
     * Sends a request and returns a future completed by its final response (any status that is not
     * Pending); every response, pending ones included, goes to {@code listener} first.
     */
    public CompletableFuture<Command> invoke(int contextId, Command rq, DataWriter data, ResponseListener listener)
            throws IOException {
        Pending p = new Pending(listener, new CompletableFuture<>());
        pending.put(rq.messageId(), p);
        try {
            send(contextId, rq, data);
        } catch (IOException | RuntimeException e) {
            pending.remove(rq.messageId());
            throw e;
        }
        return p.done();
    }

    /** Waits for a final response within the DIMSE timeout; fails with the association's end reason. */
    public Command await(CompletableFuture<Command> response) throws IOException {
        try {
            long t = options.dimseTimeoutMillis();
            return t > 0 ? response.get(t, TimeUnit.MILLISECONDS) : response.get();
        } catch (TimeoutException e) {
            abort("no DIMSE response within " + options.dimseTimeoutMillis() / 1000 + " s");
            throw new AssociationException(AssociationException.Kind.TIMEOUT,
                    "no DIMSE response within " + options.dimseTimeoutMillis() / 1000 + " s; association aborted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a DIMSE response");
        }
    }

    /** Sends C-CANCEL for an outstanding request (PS3.7 section 9.3.2.3). */
    public void cancel(int contextId, int messageId) throws IOException {
        send(contextId, Commands.cCancelRq(messageId), null);
    }

    // ---- release and abort -----------------------------------------------------------------------

    /** Releases the association (A-RELEASE) and waits for the confirmation; aborts if none comes. */
    public void release() throws IOException {
        try {
            upperLayer.releaseRequest();
        } catch (IllegalStateException e) {
            return;
        }
        try {
            if (upperLayer.awaitState(State.STA1, options.artimMillis() + 1000) != State.STA1) {
                abort("no A-RELEASE-RP within " + options.artimMillis() / 1000 + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted during release");
        }
    }

    /** Aborts (A-ABORT, service-user source). */
    public void abort(String reason) {
        if (endReason == null) {
            endReason = new EndReason(EndReason.Kind.ABORTED, reason);
        }
        try {
            upperLayer.abort(reason);
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "abort in a state where it is not possible", e);
        }
    }

    /**
     * Runs {@code action} once the transport connection is closed (at once if it already is), on the
     * thread that saw it close: it must not block. Close the subscription when it is no longer needed.
     */
    public Subscription onClose(Runnable action) {
        return closing.register(action);
    }

    /** Blocks until the transport connection is closed. */
    public void awaitClosed(long timeoutMillis) throws InterruptedException {
        try {
            closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closed never completes exceptionally; a timeout just returns
        }
    }

    // ---- indications from the upper layer --------------------------------------------------------

    @Override
    public void associateIndication(AAssociateRq rq) {
        rememberProposal(rq);
        AcceptorPolicy.Decision d = policy.negotiate(rq, this);
        if (d.accept() != null) {
            setAccepted(d.accept());
            upperLayer.accept(d.accept());
            stats.opened(rq, d.accept());
            established.complete(this);
        } else {
            endReason = new EndReason(EndReason.Kind.REJECTED, d.reject().describe());
            upperLayer.reject(d.reject());
            established.completeExceptionally(new AssociationException(AssociationException.Kind.REJECTED,
                    endReason.toString()));
        }
    }

    @Override
    public void associateAccepted(AAssociateAc ac) {
        setAccepted(ac);
        stats.opened(request, ac);
        established.complete(this);
    }

    @Override
    public void associateRejected(AAssociateRj rj) {
        established.completeExceptionally(new AssociationException(AssociationException.Kind.REJECTED,
                "association rejected: " + rj.describe()));
    }

    @Override
    public void releaseIndication() {
        if (upperLayer.state() == State.STA10) {
            // Release collision, acceptor side: the response waits for the peer's A-RELEASE-RP (AR-10).
            return;
        }
        upperLayer.releaseResponse();
    }

    @Override
    public void releaseConfirmed() {
        if (upperLayer.state() == State.STA12) {
            // Release collision, acceptor side: ours is confirmed, now answer the peer's (AR-4).
            upperLayer.releaseResponse();
        }
        // otherwise nothing to do: release() is waiting for Sta1
    }

    @Override
    public void aborted(AAbort abort, EndReason reason) {
        if (endReason == null) {
            endReason = reason;
        }
        AssociationException e = new AssociationException(AssociationException.Kind.ABORTED, reason.toString());
        if (abort != null || upperLayer.state() != State.STA1) {
            // An A-ABORT during negotiation (the peer's, or ours for a bad PDU: Sta13) fails the request
            // now and as an abort, not later as a lost connection once the peer or ARTIM closes it. A
            // plain loss of the transport (AA-4, Sta1) stays for closed() to describe.
            established.completeExceptionally(e);
        }
        failAll(e);
    }

    @Override
    public void closed() {
        EndReason why = endReason();
        AssociationException e = established.isDone()
                ? new AssociationException(AssociationException.Kind.ABORTED,
                        why == null ? "association closed" : why.toString())
                : new AssociationException(AssociationException.Kind.CLOSED_DURING_NEGOTIATION,
                        why != null && why.kind() != EndReason.Kind.CONNECTION_CLOSED
                                ? why.toString()
                                : "connection closed during association negotiation (is TLS enabled on one side only,"
                                        + " or did the peer drop us?)");
        established.completeExceptionally(e);
        failAll(e);
        abortReceive(e);
        closed.complete(null);
        closing.fire();
        stats.closed(why);
        if (policy != null) {
            policy.closed(this);
        }
    }

    private void failAll(IOException e) {
        for (Pending p : pending.values()) {
            p.done().completeExceptionally(e);
        }
        pending.clear();
    }

    // ---- receiving DIMSE messages ----------------------------------------------------------------

    @Override
    public void pData(PDataTf pdu) throws IOException {
        for (Pdv pdv : pdu.pdvs()) {
            if (pdv.command()) {
                if (commandBytes.size() + pdv.length() > MAX_COMMAND_LENGTH) {
                    throw new IOException("command set longer than " + MAX_COMMAND_LENGTH
                            + " bytes (fragments without a last one?)");
                }
                commandBytes.write(pdv.data(), pdv.offset(), pdv.length());
                if (pdv.last()) {
                    byte[] b = commandBytes.toByteArray();
                    commandBytes = new ByteArrayOutputStream(256);
                    onCommand(pdv.presentationContextId(), Commands.decode(b, 0, b.length));
                }
            } else {
                onData(pdv);
            }
        }
    }

    private PresentationContext acceptedContext(int id) throws IOException {
        PresentationContext pc;
        synchronized (contexts) {
            pc = contexts.get(id);
        }
        if (pc == null) {
            throw new IOException("PDV on presentation context " + id + ", which was not accepted");
        }
        return pc;
    }

    private void onCommand(int contextId, Command cmd) throws IOException {
        PresentationContext pc = acceptedContext(contextId);
        if (cmd.commandField() == CommandField.C_CANCEL_RQ) {
            DimseRequest r = active.get(cmd.messageIdBeingRespondedTo());
            if (r != null) {
                r.cancel();
            }
            return;
        }
        command = cmd;
        commandContext = pc;
        if (!cmd.commandField().isRequest()) {
            if (cmd.hasDataSet()) {
                dataBytes = new ByteArrayOutputStream();
            } else {
                deliverResponse(cmd, null);
            }
            return;
        }
        inbound = new DimseRequest(this, pc, cmd);
        DimseHandler h = handlers.lookup(pc.abstractSyntax(), cmd.commandField());
        if (cmd.hasDataSet()) {
            sink = null;
            dataBytes = null;
            if (h != null) {
                try {
                    sink = h.dataSink(inbound);
                } catch (DimseFailure f) {
                    // Refused up front: read the data set off the wire without keeping it.
                    inbound.respondLater(f);
                    sink = DISCARD;
                }
            }
            if (sink == null) {
                dataBytes = new ByteArrayOutputStream();
            }
        } else {
            dispatch(h, inbound);
        }
    }

    private void onData(Pdv pdv) throws IOException {
        if (command == null) {
            throw new IOException("data set PDV without a preceding command");
        }
        stats.received(pdv.length());
        if (sink != null) {
            try {
                sink.write(pdv.data(), pdv.offset(), pdv.length());
            } catch (IOException e) {
                // Keep reading the remaining PDVs but stop writing; the failure is answered at the end.
                DataSink failed = sink;
                sink = null;
                failed.abort(e);
                inbound.respondLater(new DimseFailure(Status.OUT_OF_RESOURCES, "cannot store: " + e.getMessage(), e));
            }
        } else if (dataBytes != null) {
            if (dataBytes.size() + pdv.length() > options.maxBufferedDataSet()) {
                throw new IOException("data set larger than " + options.maxBufferedDataSet()
                        + " bytes where an in-memory data set was expected");
            }
            dataBytes.write(pdv.data(), pdv.offset(), pdv.length());
        }
        if (pdv.last()) {
            onDataSetComplete();
        }
    }

    private void onDataSetComplete() throws IOException {
        Command cmd = command;
        PresentationContext pc = commandContext;
        command = null;
        if (!cmd.commandField().isRequest()) {
            byte[] b = dataBytes.toByteArray();
            dataBytes = null;
            deliverResponse(cmd, DicomReader.readDataSet(new ByteArrayInputStream(b), pc.transferSyntax()));
            return;
        }
        DimseRequest r = inbound;
        inbound = null;
        if (sink != null) {
            DataSink s = sink;
            sink = null;
            s.end();
        } else if (dataBytes != null) {
            byte[] b = dataBytes.toByteArray();
            dataBytes = null;
            try {
                r.setDataSet(DicomReader.readDataSet(new ByteArrayInputStream(b), pc.transferSyntax()));
            } catch (IOException e) {
                r.respondLater(new DimseFailure(Status.CANNOT_UNDERSTAND, "cannot parse the data set: " + e.getMessage()));
            }
        }
        dispatch(handlers.lookup(pc.abstractSyntax(), cmd.commandField()), r);
    }

    private void abortReceive(Exception cause) {
        if (sink != null) {
            sink.abort(cause);
            sink = null;
        }
    }

    private void dispatch(DimseHandler h, DimseRequest r) throws IOException {
        if (r.pendingFailure() != null) {
            r.respondFailure(r.pendingFailure());
            return;
        }
        if (h == null) {
            r.respondFailure(new DimseFailure(Status.UNRECOGNIZED_OPERATION, "no service for "
                    + r.command().commandField() + " on " + r.context().abstractSyntax()));
            return;
        }
        active.put(r.command().messageId(), r);
        try {
            h.handle(r);
        } catch (DimseFailure f) {
            r.respondFailure(f);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "handler failed for " + r.command().commandField(), e);
            r.respondFailure(new DimseFailure(Status.PROCESSING_FAILURE, String.valueOf(e.getMessage())));
        } finally {
            // A detached request stays cancellable until its other thread calls finished().
            if (!r.detached()) {
                active.remove(r.command().messageId());
            }
        }
    }

    /** Keeps a request cancellable while a handler works on it on another thread. */
    void trackActive(DimseRequest r, boolean on) {
        if (on) {
            active.put(r.command().messageId(), r);
        } else {
            active.remove(r.command().messageId());
        }
    }

    private void deliverResponse(Command rsp, DataSet data) {
        Pending p = pending.get(rsp.messageIdBeingRespondedTo());
        if (p == null) {
            LOG.warning("response to unknown message ID " + rsp.messageIdBeingRespondedTo() + " ignored");
            return;
        }
        try {
            if (p.listener() != null) {
                p.listener().onResponse(rsp, data);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "response listener failed", e);
        }
        if (!Status.isPending(rsp.status())) {
            pending.remove(rsp.messageIdBeingRespondedTo());
            p.done().complete(rsp);
        }
    }

    private static final DataSink DISCARD = new DataSink() {
        @Override
        public void write(byte[] b, int off, int len) {
        }

        @Override
        public void end() {
        }

        @Override
        public void abort(Exception cause) {
        }
    };
}
