package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dul.EndReason;

import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.AAssociateRq;
import dev.cloudpacs.dicom.net.pdu.PresentationContextAc;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one association, for the one-line association log and metrics. */
public final class AssociationStats {
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private volatile int contextsAccepted;
    private volatile int contextsProposed;
    private volatile EndReason ending;

    void opened(AAssociateRq rq, AAssociateAc ac) {
        contextsProposed = rq == null ? 0 : rq.presentationContexts().size();
        contextsAccepted = (int) ac.presentationContexts().stream()
                .filter(pc -> pc.result() == PresentationContextAc.Result.ACCEPTANCE).count();
    }

    void received(long n) {
        bytesReceived.addAndGet(n);
    }

    void sent(long n) {
        bytesSent.addAndGet(n);
    }

    /** Counts one message handled (a stored instance, a query, ...), as the service layer defines it. */
    public void countMessage() {
        messages.incrementAndGet();
    }

    void closed(EndReason why) {
        ending = why;
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long messages() {
        return messages.get();
    }

    public int contextsAccepted() {
        return contextsAccepted;
    }

    public int contextsProposed() {
        return contextsProposed;
    }

    /** How the association ended; null while open. */
    public EndReason ending() {
        return ending;
    }

    public long durationMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
