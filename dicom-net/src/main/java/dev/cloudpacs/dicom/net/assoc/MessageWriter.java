package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dul.UpperLayer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes DIMSE messages as P-DATA-TF PDUs (PS3.7 section 9.3.1 and Annex E; PS3.8 section 9.3.5): the
 * command set, then the data set through a fragmenting stream, each PDU within the peer's maximum length.
 * Messages written from several threads are serialised, never interleaved.
 */
final class MessageWriter {
    private final UpperLayer upperLayer;
    private final ReentrantLock lock = new ReentrantLock();
    /** The PDU buffer of outgoing data sets, reused under {@link #lock}. */
    private byte[] dataBuffer;

    MessageWriter(UpperLayer upperLayer) {
        this.upperLayer = upperLayer;
    }

    /**
     * Writes one message; with {@code flush} false its last PDU may stay in the send buffer until the next
     * flushing write. {@code deflated} says that the context's transfer syntax is deflated.
     *
     * @return the number of data set bytes written
     */
    long write(int contextId, Command cmd, DataWriter data, boolean flush, long peerMaxPduLength, boolean deflated)
            throws IOException {
        byte[] encoded = Commands.encode(data == null ? cmd : cmd.withDataSet(true));
        lock.lock();
        try {
            try (PDataOutputStream cmdOut = new PDataOutputStream(upperLayer, contextId, true, peerMaxPduLength,
                    encoded.length)) {
                if (data != null) {
                    cmdOut.holdLastFlush(); // the data set's first PDU flushes both
                }
                cmdOut.write(encoded);
            }
            if (data == null) {
                return 0;
            }
            int size = PDataOutputStream.bufferSize(peerMaxPduLength, Integer.MAX_VALUE);
            if (dataBuffer == null || dataBuffer.length != size) {
                dataBuffer = new byte[size];
            }
            PDataOutputStream dataOut = new PDataOutputStream(upperLayer, contextId, false, peerMaxPduLength,
                    dataBuffer);
            if (!flush) {
                dataOut.holdLastFlush();
            }
            data.writeTo(new NonClosing(dataOut));
            if ((dataOut.total() & 1) != 0 && deflated) {
                // A deflated stream may end on an odd byte, but PDV fragments must have even length
                // (DCMTK aborts on an odd one): pad with one NUL, as DCMTK's own deflating sender does.
                dataOut.write(0);
            }
            dataOut.close();
            return dataOut.total();
        } finally {
            lock.unlock();
        }
    }

    /** Passes close() through to nothing, so a DataWriter cannot send the last fragment early. */
    private static final class NonClosing extends OutputStream implements DirectTransfer {
        private final PDataOutputStream out;

        NonClosing(PDataOutputStream out) {
            this.out = out;
        }

        @Override
        public long transferFrom(InputStream in) throws IOException {
            return out.transferFrom(in);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
