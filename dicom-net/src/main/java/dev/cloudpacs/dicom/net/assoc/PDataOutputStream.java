package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dul.UpperLayer;
import dev.cloudpacs.dicom.net.pdu.PduCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Fragments a command or data set into P-DATA-TF PDUs of one PDV each, sized to the peer's maximum
 * length (PS3.8 section 9.3.5, PS3.7 Annex E), sent as P-DATA requests through the state machine.
 * Where the peer's maximum is small, several full PDUs are built side by side in one buffer and leave
 * in one write (a peer that takes 16 KiB PDUs would otherwise cost a system call, and often a wake-up
 * of the peer, every 16 KiB). The last fragment is held back until {@link #close()} so it can carry the
 * "last" flag.
 */
final class PDataOutputStream extends OutputStream implements DirectTransfer {
    /** PDU header (6) + PDV length (4) + context id (1) + message control header (1). */
    static final int HEADER = 12;

    /** Full PDUs are gathered up to about this many bytes before they are written. */
    static final int BATCH_BYTES = 128 * 1024;

    private final UpperLayer upperLayer;
    private final int contextId;
    private final boolean command;
    private final byte[] buf;
    /** Length of a full PDU (header included): the PDUs in {@link #buf} follow each other at this stride. */
    private final int pduSize;
    /** Where the PDU being filled starts in {@link #buf}. */
    private int start;
    private int n = HEADER;
    private long total;
    private boolean closed;
    private boolean holdLastFlush;

    /** The last PDU may wait in the send buffer for what follows it (a command before its data set). */
    PDataOutputStream holdLastFlush() {
        holdLastFlush = true;
        return this;
    }

    /**
     * @param maxPduLength  the peer's Maximum Length (of the PDU variable field); 0 means unlimited
     * @param expectedBytes how many bytes will be written, when known (a command set): the buffer is
     *                      no larger than that, instead of a whole maximum-length PDU per message
     */
    PDataOutputStream(UpperLayer upperLayer, int contextId, boolean command, long maxPduLength, int expectedBytes) {
        this(upperLayer, contextId, command, maxPduLength, new byte[bufferSize(maxPduLength, expectedBytes)]);
    }

    /**
     * @param buf a buffer of {@link #bufferSize} bytes for this {@code maxPduLength}, reused from message
     *            to message by the caller (one data set after another would otherwise allocate it each)
     */
    PDataOutputStream(UpperLayer upperLayer, int contextId, boolean command, long maxPduLength, byte[] buf) {
        this.upperLayer = upperLayer;
        this.contextId = contextId;
        this.command = command;
        this.buf = buf;
        this.pduSize = Math.min(buf.length, pduSize(maxPduLength));
    }

    /** The length of a full PDU for {@code maxPduLength} (0: unlimited, capped at 1 MiB), header included. */
    private static int pduSize(long maxPduLength) {
        long max = maxPduLength <= 0 || maxPduLength > 1 << 20 ? 1 << 20 : maxPduLength;
        // The variable field holds one PDV item: 4-byte length, context id, control header, data.
        return HEADER + (int) Math.max(max - 6, 2);
    }

    /**
     * The buffer for a message of about {@code expectedBytes} (a command set) or of unknown length
     * ({@code Integer.MAX_VALUE}: room for as many full PDUs as fit in {@link #BATCH_BYTES}, at least one).
     */
    static int bufferSize(long maxPduLength, int expectedBytes) {
        int pdu = pduSize(maxPduLength);
        if (expectedBytes < pdu - HEADER) {
            return HEADER + Math.max(expectedBytes, 2);
        }
        return pdu * Math.max(1, BATCH_BYTES / pdu);
    }

    @Override
    public void write(int b) throws IOException {
        if (n == start + pduSize) {
            nextPdu();
        }
        buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (n == start + pduSize) {
                nextPdu();
            }
            int k = Math.min(len, start + pduSize - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    /** Reads {@code in} to its end straight into the PDU buffer, sending PDUs as the buffer fills. */
    @Override
    public long transferFrom(InputStream in) throws IOException {
        long moved = 0;
        while (true) {
            if (n == start + pduSize) {
                nextPdu();
            }
            int r = in.read(buf, n, start + pduSize - n);
            if (r < 0) {
                return moved;
            }
            n += r;
            moved += r;
        }
    }

    /** Bytes written so far. */
    long total() {
        return total + n - start - HEADER;
    }

    /** The PDU being filled is full and not the last: close it, and send the buffer when no other fits. */
    private void nextPdu() throws IOException {
        PduCodec.writePDataHeader(buf, start, contextId, command, false, pduSize - HEADER);
        total += pduSize - HEADER;
        start += pduSize;
        if (start + pduSize > buf.length) {
            send(start, false);
            start = 0;
        }
        n = start + HEADER;
    }

    /** Sends {@code buf[0, length)}: whole PDUs whose headers are written. */
    private void send(int length, boolean last) throws IOException {
        try {
            if (holdLastFlush && last) {
                upperLayer.pDataWithoutFlush(out -> out.write(buf, 0, length));
            } else {
                upperLayer.pData(out -> out.write(buf, 0, length));
            }
        } catch (IllegalStateException e) {
            throw new AssociationException(AssociationException.Kind.ABORTED,
                    "association no longer open: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            int dataLength = n - start - HEADER;
            PduCodec.writePDataHeader(buf, start, contextId, command, true, dataLength);
            total += dataLength;
            send(n, true);
            start = 0;
            n = HEADER;
        }
    }
}
