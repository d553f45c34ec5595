package dev.cloudpacs.dicom.net.dul;

import dev.cloudpacs.dicom.net.pdu.AAbort;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.AReleaseRp;
import dev.cloudpacs.dicom.net.pdu.AReleaseRq;
import dev.cloudpacs.dicom.net.pdu.AbortReason;
import dev.cloudpacs.dicom.net.pdu.AbortSource;
import dev.cloudpacs.dicom.net.pdu.PDataTf;
import dev.cloudpacs.dicom.net.pdu.Pdu;
import dev.cloudpacs.dicom.net.pdu.PduCodec;
import dev.cloudpacs.dicom.net.pdu.PduException;
import dev.cloudpacs.dicom.net.pdu.PduReader;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One DICOM Upper Layer connection (PS3.8 section 9.2): every PDU received, every primitive issued and
 * every transport or timer event goes through {@link StateTable}; the action it names runs here. Those
 * actions are the only code that sends PDUs or changes state, so the behaviour can be checked against
 * the standard's table.
 */
public final class UpperLayer {
    private static final Logger LOG = Logger.getLogger(UpperLayer.class.getName());
    // The ARTIM timers of every association in the JVM: one daemon thread that only schedules (the expiry
    // runs the state machine's AA-2/AR-2 path, which closes a socket). The toolkit has no container to own
    // it, and a timer per association or per server would cost a thread each for no gain.
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dicom-artim");
        t.setDaemon(true);
        return t;
    });

    /** Writes one or more P-DATA-TF PDUs to the stream (the DT-1 / AR-7 payload). */
    @FunctionalInterface
    public interface PDataWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Socket socket;
    private final boolean requestor;
    private final PduReader reader;
    private final OutputStream out;
    private final UpperLayerListener listener;
    private final long artimMillis;
    private final Object lock = new Object();
    private State state = State.STA1;
    private ScheduledFuture<?> artim;
    private volatile EndReason endReason;

    /** What a run of an action yields: the next state and an indication to deliver after the transition. */
    private record Outcome(State next, Runnable indication) {
    }

    /**
     * @param socket       the transport connection (plain or TLS), already connected
     * @param requestor    true on the association-requestor side
     * @param maxPduLength largest P-DATA-TF PDU we accept (our Maximum Length, plus header)
     * @param artimMillis  ARTIM timeout
     * @param listener     receives indications and confirmations
     */
    public UpperLayer(Socket socket, boolean requestor, int maxPduLength, long artimMillis,
                      UpperLayerListener listener) throws IOException {
        this.socket = socket;
        this.requestor = requestor;
        this.listener = listener;
        this.artimMillis = artimMillis;
        InputStream in = socket.getInputStream();
        this.reader = new PduReader(new java.io.BufferedInputStream(in, 64 * 1024), maxPduLength);
        this.out = new SendBuffer(socket.getOutputStream());
    }

    /**
     * Gathers small PDUs (a command before its data set) into one segment, but hands a whole P-DATA-TF
     * straight to the socket when nothing is waiting: copying every data byte through the buffer first
     * would only cost time.
     */
    private static final class SendBuffer extends BufferedOutputStream {
        private static final int DIRECT = 8 * 1024;

        SendBuffer(OutputStream socketOut) {
            super(socketOut, 64 * 1024);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (count == 0 && len >= DIRECT) {
                out.write(b, off, len);
            } else {
                super.write(b, off, len);
            }
        }
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    public boolean isRequestor() {
        return requestor;
    }

    public Socket socket() {
        return socket;
    }

    /** Why the connection ended (abort reason, rejection, timeout), or null while it is up. */
    public EndReason endReason() {
        return endReason;
    }

    // ---- primitives from the local user ----------------------------------------------------------

    /** Requestor: the transport is connected (AE-1 done by the caller); send the A-ASSOCIATE-RQ. */
    public void associateRequest(AAssociateRq rq) {
        handle(new Occurrence.AssociateRequested(rq));
        handle(new Occurrence.TransportConnected(rq));
    }

    /** Acceptor: a transport connection arrived (Evt5); the ARTIM timer now runs until the RQ. */
    public void transportIndication() {
        handle(new Occurrence.TransportIndication());
    }

    /** A-ASSOCIATE response (accept), Evt7. */
    public void accept(AAssociateAc ac) {
        handle(new Occurrence.Accept(ac));
    }

    /** A-ASSOCIATE response (reject), Evt8. */
    public void reject(AAssociateRj rj) {
        handle(new Occurrence.Reject(rj));
    }

    /** P-DATA request, Evt9: {@code writer} writes the PDUs while the state is checked and held. */
    public void pData(PDataWriter writer) {
        handle(new Occurrence.PData(writer, true));
    }

    /**
     * P-DATA request whose PDUs may wait in the send buffer for the next one (a DIMSE command followed
     * by its data set): the two then leave in one segment instead of waking the peer twice.
     */
    public void pDataWithoutFlush(PDataWriter writer) {
        handle(new Occurrence.PData(writer, false));
    }

    /** Sends what P-DATA requests without flush left in the send buffer. */
    public void flush() throws IOException {
        synchronized (lock) {
            out.flush();
        }
    }

    /** A-RELEASE request, Evt11. */
    public void releaseRequest() {
        handle(new Occurrence.ReleaseRequest());
    }

    /** A-RELEASE response, Evt14. */
    public void releaseResponse() {
        handle(new Occurrence.ReleaseResponse());
    }

    /** A-ABORT request, Evt15 (service-user source). */
    public void abort(String reason) {
        if (endReason == null && state() != State.STA1) {
            endReason = new EndReason(EndReason.Kind.ABORTED, reason);
        }
        handle(new Occurrence.Abort(new AAbort(AbortSource.SERVICE_USER, AbortReason.NOT_SPECIFIED)));
    }

    /** Waits until the state machine reaches {@code wanted} or Sta1; returns the state reached. */
    public State awaitState(State wanted, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (state != wanted && state != State.STA1) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                lock.wait(left);
            }
            return state;
        }
    }

    // ---- reading ---------------------------------------------------------------------------------

    /**
     * Reads and dispatches PDUs until the connection closes. Runs on the connection's own thread.
     *
     * @param idleMillis read timeout (0 = none); when it expires the association is aborted
     */
    public void readLoop(long idleMillis) {
        try {
            socket.setSoTimeout(idleMillis > 0 ? (int) idleMillis : 0);
            while (state() != State.STA1) {
                Pdu pdu;
                try {
                    pdu = reader.read();
                } catch (PduException e) {
                    handle(new Occurrence.InvalidPdu(e));
                    drainUntilClosed();
                    continue;
                } catch (SocketTimeoutException e) {
                    State s = state();
                    if (s == State.STA13) {
                        handle(new Occurrence.ArtimExpired());
                    } else {
                        endReason = new EndReason(EndReason.Kind.IDLE_TIMEOUT,
                                "no data from the peer for " + idleMillis / 1000 + " s");
                        handle(new Occurrence.Abort(new AAbort(AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED)));
                    }
                    continue;
                }
                if (pdu == null) {
                    handle(new Occurrence.TransportClosed());
                    break;
                }
                handle(occurrenceOf(pdu));
            }
        } catch (IOException e) {
            if (endReason == null && state() != State.STA13) {
                endReason = new EndReason(EndReason.Kind.CONNECTION_LOST, e.getMessage());
            }
            handle(new Occurrence.TransportClosed());
        } finally {
            closeTransport();
            listener.closed();
        }
    }

    /** After a protocol violation the framing cannot be trusted: discard bytes until the peer closes. */
    private void drainUntilClosed() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[8192];
        while (state() == State.STA13 && in.read(sink) >= 0) {
            // discard
        }
    }

    private static Occurrence occurrenceOf(Pdu pdu) {
        return switch (pdu) {
            case AAssociateRq rq -> new Occurrence.RequestReceived(rq);
            case AAssociateAc ac -> new Occurrence.AcceptReceived(ac);
            case AAssociateRj rj -> new Occurrence.RejectReceived(rj);
            case PDataTf p -> new Occurrence.PDataReceived(p);
            case AReleaseRq r -> new Occurrence.ReleaseRequestReceived();
            case AReleaseRp r -> new Occurrence.ReleaseResponseReceived();
            case AAbort a -> new Occurrence.AbortReceived(a);
        };
    }

    // ---- the state machine -----------------------------------------------------------------------

    /** Runs the action the table names for the occurrence's event in the current state; returns the new state. */
    public State handle(Occurrence occurrence) {
        Event event = occurrence.event();
        Outcome outcome;
        synchronized (lock) {
            Action action = StateTable.action(state, event);
            if (action == null) {
                if (event.origin() == Event.Origin.USER) {
                    throw new IllegalStateException(event + " is not allowed in " + state
                            + (endReason != null ? ": " + endReason : ""));
                }
                // Transport and timer events after the connection is already down.
                return state;
            }
            State before = state;
            try {
                outcome = perform(action, occurrence);
            } catch (IOException e) {
                if (endReason == null) {
                    endReason = new EndReason(EndReason.Kind.CONNECTION_LOST, e.getMessage());
                }
                closeTransport();
                EndReason why = endReason;
                outcome = new Outcome(State.STA1, () -> listener.aborted(null, why));
            }
            state = outcome.next();
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(before.label() + " + " + event.label() + " -> " + action + " -> " + state.label());
            }
            lock.notifyAll();
        }
        if (outcome.indication() != null) {
            outcome.indication().run();
        }
        return outcome.next();
    }

    /**
     * Runs one action. The next state is the table's ({@link Action#next()}), except for AE-6 and AR-8
     * whose condition is decided here. The table only pairs an action with the events it is defined
     * for, so each payload pattern below matches; {@link #mismatch} guards the impossible rest.
     */
    private Outcome perform(Action action, Occurrence o) throws IOException {
        State next = action.next();
        return switch (action) {
            case AE_1 -> new Outcome(next, null);
            case AE_2 -> o instanceof Occurrence.TransportConnected(AAssociateRq rq) ? send(rq, action) : mismatch(action, o);
            case AE_3 -> o instanceof Occurrence.AcceptReceived(AAssociateAc ac)
                    ? new Outcome(next, () -> listener.associateAccepted(ac)) : mismatch(action, o);
            case AE_4 -> {
                if (!(o instanceof Occurrence.RejectReceived(AAssociateRj rj))) {
                    yield mismatch(action, o);
                }
                endReason = new EndReason(EndReason.Kind.REJECTED, rj.describe());
                closeTransport();
                yield new Outcome(next, () -> listener.associateRejected(rj));
            }
            case AE_5 -> {
                startArtim();
                yield new Outcome(next, null);
            }
            case AE_6 -> {
                if (!(o instanceof Occurrence.RequestReceived(AAssociateRq rq))) {
                    yield mismatch(action, o);
                }
                stopArtim();
                if ((rq.protocolVersion() & 1) == 0) {
                    // PS3.8 9.3.2: bit 0 (version 1) must be set for us to understand the request.
                    writeAndFlush(AAssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED);
                    startArtim();
                    endReason = new EndReason(EndReason.Kind.REJECTED, "protocol version not supported");
                    yield new Outcome(State.STA13, null);
                }
                yield new Outcome(State.STA3, () -> listener.associateIndication(rq));
            }
            case AE_7 -> o instanceof Occurrence.Accept(AAssociateAc ac) ? send(ac, action) : mismatch(action, o);
            case AE_8 -> {
                if (!(o instanceof Occurrence.Reject(AAssociateRj rj))) {
                    yield mismatch(action, o);
                }
                writeAndFlush(rj);
                startArtim();
                endReason = new EndReason(EndReason.Kind.REJECTED, rj.describe());
                yield new Outcome(next, null);
            }
            case DT_1, AR_7 -> {
                if (!(o instanceof Occurrence.PData(PDataWriter writer, boolean flush))) {
                    yield mismatch(action, o);
                }
                writer.writeTo(out);
                if (flush) {
                    out.flush();
                }
                yield new Outcome(next, null);
            }
            case DT_2, AR_6 -> o instanceof Occurrence.PDataReceived(PDataTf pdu)
                    ? new Outcome(next, () -> deliverPData(pdu)) : mismatch(action, o);
            case AR_1 -> send(new AReleaseRq(), action);
            case AR_2 -> new Outcome(next, listener::releaseIndication);
            case AR_3 -> {
                endReason = EndReason.of(EndReason.Kind.RELEASED);
                closeTransport();
                yield new Outcome(next, listener::releaseConfirmed);
            }
            case AR_4 -> {
                writeAndFlush(new AReleaseRp());
                startArtim();
                endReason = EndReason.of(EndReason.Kind.RELEASED);
                yield new Outcome(next, null);
            }
            case AR_5, AA_5 -> {
                stopArtim();
                closeTransport();
                yield new Outcome(next, null);
            }
            case AR_8 -> new Outcome(requestor ? State.STA9 : State.STA10, listener::releaseIndication);
            case AR_9 -> send(new AReleaseRp(), action);
            case AR_10 -> new Outcome(next, listener::releaseConfirmed);
            case AA_1, AA_7 -> {
                AAbort abort = abortFor(o);
                writeAndFlush(abort);
                startArtim();
                if (endReason == null) {
                    // A peer's bad or unexpected PDU (AA-1 in Sta2, AA-7): say what was wrong with it.
                    endReason = o.event().origin() == Event.Origin.PEER ? violation(o)
                            : new EndReason(EndReason.Kind.ABORTED, abort.describe());
                }
                EndReason why = endReason;
                // Only a local abort of an existing association needs telling; AA-1 in Sta2 and AA-7 do not.
                yield new Outcome(next, o instanceof Occurrence.Abort ? () -> listener.aborted(null, why) : null);
            }
            case AA_2 -> {
                stopArtim();
                if (o instanceof Occurrence.ArtimExpired && endReason == null) {
                    endReason = EndReason.of(EndReason.Kind.ARTIM_EXPIRED);
                }
                closeTransport();
                yield new Outcome(next, null);
            }
            case AA_3 -> {
                if (!(o instanceof Occurrence.AbortReceived(AAbort abort))) {
                    yield mismatch(action, o);
                }
                endReason = new EndReason(EndReason.Kind.ABORTED_BY_PEER, abort.describe());
                closeTransport();
                EndReason why = endReason;
                yield new Outcome(next, () -> listener.aborted(abort, why));
            }
            case AA_4 -> {
                if (endReason == null) {
                    endReason = EndReason.of(EndReason.Kind.CONNECTION_CLOSED);
                }
                EndReason why = endReason;
                yield new Outcome(next, () -> listener.aborted(null, why));
            }
            case AA_6 -> new Outcome(next, null);
            case AA_8 -> {
                AAbort abort = abortFor(o);
                writeAndFlush(abort);
                startArtim();
                endReason = violation(o);
                EndReason why = endReason;
                yield new Outcome(next, () -> listener.aborted(null, why));
            }
        };
    }

    /** An occurrence the table pairs with an action it does not fit: a bug here, never the peer's doing. */
    private static Outcome mismatch(Action action, Occurrence o) {
        throw new IllegalStateException(action + " cannot run for " + o);
    }

    private void deliverPData(PDataTf pdu) {
        try {
            listener.pData(pdu);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "P-DATA handler failed, aborting the association", e);
            endReason = new EndReason(EndReason.Kind.LOCAL_FAILURE, e.getMessage());
            handle(new Occurrence.Abort(new AAbort(AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED)));
        }
    }

    /** The A-ABORT to send: the user's own, the reason of a malformed PDU, else "unexpected PDU". */
    private static AAbort abortFor(Occurrence o) {
        return switch (o) {
            case Occurrence.Abort(AAbort a) -> a;
            case Occurrence.InvalidPdu(PduException e) -> new AAbort(AbortSource.SERVICE_PROVIDER, e.abortReason());
            default -> new AAbort(AbortSource.SERVICE_PROVIDER, AbortReason.UNEXPECTED_PDU);
        };
    }

    private EndReason violation(Occurrence o) {
        String what = o instanceof Occurrence.InvalidPdu(PduException e) ? e.getMessage()
                : "unexpected " + o.event().description() + " in " + state.label();
        return new EndReason(EndReason.Kind.PROTOCOL_ERROR, what);
    }

    private Outcome send(Pdu pdu, Action action) throws IOException {
        writeAndFlush(pdu);
        return new Outcome(action.next(), null);
    }

    private void writeAndFlush(Pdu pdu) throws IOException {
        out.write(PduCodec.encode(pdu));
        out.flush();
    }

    private void startArtim() {
        stopArtim();
        artim = TIMERS.schedule(() -> handle(new Occurrence.ArtimExpired()), artimMillis, TimeUnit.MILLISECONDS);
    }

    private void stopArtim() {
        if (artim != null) {
            artim.cancel(false);
            artim = null;
        }
    }

    private void closeTransport() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing socket", e);
        }
    }
}
