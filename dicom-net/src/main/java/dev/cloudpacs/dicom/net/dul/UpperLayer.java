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
    private volatile String endReason;

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
    public String endReason() {
        return endReason;
    }

    // ---- primitives from the local user ----------------------------------------------------------

    /** Requestor: the transport is connected (AE-1 done by the caller); send the A-ASSOCIATE-RQ. */
    public void associateRequest(AAssociateRq rq) {
        handle(Event.EVT1, null);
        handle(Event.EVT2, rq);
    }

    /** Acceptor: a transport connection arrived (Evt5); the ARTIM timer now runs until the RQ. */
    public void transportIndication() {
        handle(Event.EVT5, null);
    }

    /** A-ASSOCIATE response (accept), Evt7. */
    public void accept(AAssociateAc ac) {
        handle(Event.EVT7, ac);
    }

    /** A-ASSOCIATE response (reject), Evt8. */
    public void reject(AAssociateRj rj) {
        handle(Event.EVT8, rj);
    }

    /** P-DATA request, Evt9: {@code writer} writes the PDUs while the state is checked and held. */
    public void pData(PDataWriter writer) {
        handle(Event.EVT9, writer);
    }

    /**
     * P-DATA request whose PDUs may wait in the send buffer for the next one (a DIMSE command followed
     * by its data set): the two then leave in one segment instead of waking the peer twice.
     */
    public void pDataWithoutFlush(PDataWriter writer) {
        handle(Event.EVT9, new Unflushed(writer));
    }

    /** Sends what P-DATA requests without flush left in the send buffer. */
    public void flush() throws IOException {
        synchronized (lock) {
            out.flush();
        }
    }

    private record Unflushed(PDataWriter writer) implements PDataWriter {
        @Override
        public void writeTo(java.io.OutputStream out) throws IOException {
            writer.writeTo(out);
        }
    }

    /** A-RELEASE request, Evt11. */
    public void releaseRequest() {
        handle(Event.EVT11, null);
    }

    /** A-RELEASE response, Evt14. */
    public void releaseResponse() {
        handle(Event.EVT14, null);
    }

    /** A-ABORT request, Evt15 (service-user source). */
    public void abort(String reason) {
        handle(Event.EVT15, new AAbort(AbortSource.SERVICE_USER, AbortReason.NOT_SPECIFIED));
        if (endReason == null) {
            endReason = reason;
        }
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
                    handle(Event.EVT19, e);
                    drainUntilClosed();
                    continue;
                } catch (SocketTimeoutException e) {
                    State s = state();
                    if (s == State.STA13) {
                        handle(Event.EVT18, null);
                    } else {
                        endReason = "no data from the peer for " + idleMillis / 1000 + " s (idle timeout)";
                        handle(Event.EVT15, new AAbort(AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED));
                    }
                    continue;
                }
                if (pdu == null) {
                    handle(Event.EVT17, null);
                    break;
                }
                handle(eventOf(pdu), pdu);
            }
        } catch (IOException e) {
            if (endReason == null && state() != State.STA13) {
                endReason = "connection lost: " + e.getMessage();
            }
            handle(Event.EVT17, null);
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

    private static Event eventOf(Pdu pdu) {
        return switch (pdu.type()) {
            case A_ASSOCIATE_RQ -> Event.EVT6;
            case A_ASSOCIATE_AC -> Event.EVT3;
            case A_ASSOCIATE_RJ -> Event.EVT4;
            case P_DATA_TF -> Event.EVT10;
            case A_RELEASE_RQ -> Event.EVT12;
            case A_RELEASE_RP -> Event.EVT13;
            case A_ABORT -> Event.EVT16;
        };
    }

    // ---- the state machine -----------------------------------------------------------------------

    /** Runs the action the table names for {@code event} in the current state; returns the new state. */
    public State handle(Event event, Object arg) {
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
                outcome = perform(action, event, arg);
            } catch (IOException e) {
                endReason = endReason != null ? endReason : "connection lost: " + e.getMessage();
                closeTransport();
                outcome = new Outcome(State.STA1, () -> listener.aborted(null, endReason));
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

    private Outcome perform(Action action, Event event, Object arg) throws IOException {
        return switch (action) {
            case AE_1 -> new Outcome(State.STA4, null);
            case AE_2 -> send((Pdu) arg, State.STA5);
            case AE_3 -> new Outcome(State.STA6, () -> listener.associateAccepted((AAssociateAc) arg));
            case AE_4 -> {
                AAssociateRj rj = (AAssociateRj) arg;
                endReason = "association rejected: " + rj.describe();
                closeTransport();
                yield new Outcome(State.STA1, () -> listener.associateRejected(rj));
            }
            case AE_5 -> {
                startArtim();
                yield new Outcome(State.STA2, null);
            }
            case AE_6 -> {
                stopArtim();
                AAssociateRq rq = (AAssociateRq) arg;
                if ((rq.protocolVersion() & 1) == 0) {
                    // PS3.8 9.3.2: bit 0 (version 1) must be set for us to understand the request.
                    writeAndFlush(AAssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED);
                    startArtim();
                    endReason = "rejected: protocol version not supported";
                    yield new Outcome(State.STA13, null);
                }
                yield new Outcome(State.STA3, () -> listener.associateIndication(rq));
            }
            case AE_7 -> send((Pdu) arg, State.STA6);
            case AE_8 -> {
                writeAndFlush((Pdu) arg);
                startArtim();
                endReason = "association rejected: " + ((AAssociateRj) arg).describe();
                yield new Outcome(State.STA13, null);
            }
            case DT_1, AR_7 -> {
                ((PDataWriter) arg).writeTo(out);
                if (!(arg instanceof Unflushed)) {
                    out.flush();
                }
                yield new Outcome(action.next(), null);
            }
            case DT_2, AR_6 -> new Outcome(action.next(), () -> deliverPData((PDataTf) arg));
            case AR_1 -> send(new AReleaseRq(), State.STA7);
            case AR_2 -> new Outcome(State.STA8, listener::releaseIndication);
            case AR_3 -> {
                endReason = "released";
                closeTransport();
                yield new Outcome(State.STA1, listener::releaseConfirmed);
            }
            case AR_4 -> {
                writeAndFlush(new AReleaseRp());
                startArtim();
                endReason = "released";
                yield new Outcome(State.STA13, null);
            }
            case AR_5, AA_5 -> {
                stopArtim();
                closeTransport();
                yield new Outcome(State.STA1, null);
            }
            case AR_8 -> new Outcome(requestor ? State.STA9 : State.STA10, listener::releaseIndication);
            case AR_9 -> send(new AReleaseRp(), State.STA11);
            case AR_10 -> new Outcome(State.STA12, listener::releaseConfirmed);
            case AA_1, AA_7 -> {
                AAbort abort = abortFor(event, arg);
                writeAndFlush(abort);
                startArtim();
                if (endReason == null) {
                    // A peer's bad or unexpected PDU (AA-1 in Sta2, AA-7): say what was wrong with it.
                    endReason = event.origin() == Event.Origin.PEER ? describeViolation(event, arg)
                            : "aborted: " + abort.describe();
                }
                String why = endReason;
                // Only a local abort of an existing association needs telling; AA-1 in Sta2 and AA-7 do not.
                yield new Outcome(State.STA13, event == Event.EVT15 ? () -> listener.aborted(null, why) : null);
            }
            case AA_2 -> {
                stopArtim();
                if (event == Event.EVT18 && endReason == null) {
                    endReason = "ARTIM timer expired";
                }
                closeTransport();
                yield new Outcome(State.STA1, null);
            }
            case AA_3 -> {
                AAbort abort = (AAbort) arg;
                endReason = "aborted by the peer: " + abort.describe();
                closeTransport();
                yield new Outcome(State.STA1, () -> listener.aborted(abort, endReason));
            }
            case AA_4 -> {
                if (endReason == null) {
                    endReason = "connection closed by the peer without release or abort";
                }
                String why = endReason;
                yield new Outcome(State.STA1, () -> listener.aborted(null, why));
            }
            case AA_6 -> new Outcome(State.STA13, null);
            case AA_8 -> {
                AAbort abort = abortFor(event, arg);
                writeAndFlush(abort);
                startArtim();
                endReason = describeViolation(event, arg);
                String why = endReason;
                yield new Outcome(State.STA13, () -> listener.aborted(null, why));
            }
        };
    }

    private void deliverPData(PDataTf pdu) {
        try {
            listener.pData(pdu);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "P-DATA handler failed, aborting the association", e);
            endReason = "local failure while handling data: " + e.getMessage();
            handle(Event.EVT15, new AAbort(AbortSource.SERVICE_PROVIDER, AbortReason.NOT_SPECIFIED));
        }
    }

    /** The A-ABORT to send: the user's own, the reason of a malformed PDU, else "unexpected PDU". */
    private static AAbort abortFor(Event event, Object arg) {
        if (arg instanceof AAbort a && event == Event.EVT15) {
            return a;
        }
        if (arg instanceof PduException e) {
            return new AAbort(AbortSource.SERVICE_PROVIDER, e.abortReason());
        }
        return new AAbort(AbortSource.SERVICE_PROVIDER, AbortReason.UNEXPECTED_PDU);
    }

    private String describeViolation(Event event, Object arg) {
        if (arg instanceof PduException e) {
            return "protocol error, aborted: " + e.getMessage();
        }
        return "protocol error, aborted: unexpected " + event.description() + " in " + state.label();
    }

    private Outcome send(Pdu pdu, State next) throws IOException {
        writeAndFlush(pdu);
        return new Outcome(next, null);
    }

    private void writeAndFlush(Pdu pdu) throws IOException {
        out.write(PduCodec.encode(pdu));
        out.flush();
    }

    private void startArtim() {
        stopArtim();
        artim = TIMERS.schedule(() -> handle(Event.EVT18, null), artimMillis, TimeUnit.MILLISECONDS);
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
