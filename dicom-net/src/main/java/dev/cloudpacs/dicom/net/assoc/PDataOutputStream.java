package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dul.UpperLayer;
import dev.cloudpacs.dicom.net.pdu.PduCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Fragments a command or data set into P-DATA-TF PDUs of one PDV each, sized to the peer's maximum
 * length (PS3.8 section 9.3.5, PS3.7 Annex E), each sent as a P-DATA request through the state machine.
 * The last fragment is held back until {@link #close()} so it can carry the "last" flag.
 */
final class PDataOutputStream extends OutputStream implements DirectTransfer {
    /** PDU header (6) + PDV length (4) + context id (1) + message control header (1). */
    static final int HEADER = 12;

    private final UpperLayer upperLayer;
    private final int contextId;
    private final boolean command;
    private final byte[] buf;
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
     * @param maxPduLength the peer's Maximum Length (of the PDU variable field); 0 means unlimited
     */
    PDataOutputStream(UpperLayer upperLayer, int contextId, boolean command, long maxPduLength) {
        this(upperLayer, contextId, command, maxPduLength, Integer.MAX_VALUE);
    }

    /**
     * @param expectedBytes how many bytes will be written, when known (a command set): the buffer is
     *                      no larger than that, instead of a whole maximum-length PDU per message
     */
    PDataOutputStream(UpperLayer upperLayer, int contextId, boolean command, long maxPduLength, int expectedBytes) {
        this(upperLayer, contextId, command, new byte[bufferSize(maxPduLength, expectedBytes)]);
    }

    /**
     * @param buf a buffer of {@link #bufferSize} bytes, reused from message to message by the caller
     *            (one data set after another would otherwise allocate a whole PDU each)
     */
    PDataOutputStream(UpperLayer upperLayer, int contextId, boolean command, byte[] buf) {
        this.upperLayer = upperLayer;
        this.contextId = contextId;
        this.command = command;
        this.buf = buf;
    }

    /** The buffer for PDUs of at most {@code maxPduLength} (0: unlimited, capped at 1 MiB) bytes. */
    static int bufferSize(long maxPduLength, int expectedBytes) {
        long max = maxPduLength <= 0 || maxPduLength > 1 << 20 ? 1 << 20 : maxPduLength;
        // The variable field holds one PDV item: 4-byte length, context id, control header, data.
        long capacity = Math.min(Math.max(max - 6, 2), Math.max(expectedBytes, 2));
        return HEADER + (int) capacity;
    }

    @Override
    public void write(int b) throws IOException {
        if (n == buf.length) {
            send(false);
        }
        buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (n == buf.length) {
                send(false);
            }
            int k = Math.min(len, buf.length - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    /** Reads {@code in} to its end straight into the PDU buffer, sending each PDU as it fills. */
    @Override
    public long transferFrom(InputStream in) throws IOException {
        long moved = 0;
        while (true) {
            if (n == buf.length) {
                send(false);
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return moved;
            }
            n += r;
            moved += r;
        }
    }

    /** Bytes written so far. */
    long total() {
        return total + n - HEADER;
    }

    private void send(boolean last) throws IOException {
        int dataLength = n - HEADER;
        PduCodec.writePDataHeader(buf, 0, contextId, command, last, dataLength);
        int length = n;
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
        total += dataLength;
        n = HEADER;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            send(true);
        }
    }
}
