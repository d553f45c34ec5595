package dev.cloudpacs.contracts.retrieve;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The internal C-MOVE call between the DIMSE front door and retrieve-service: the fast path of a C-MOVE
 * job, run at once by the retrieve-service pod the front door calls, without the round trips through
 * {@code dicom.retrieve.requests} and {@code dicom.retrieve.progress}. The job's {@code retrieve_job} row
 * exists before the call, so a job whose stream breaks off is handed to the Kafka queue and resumed from
 * its checkpoint like any other.
 * <p>
 * Request: {@code POST} {@link #PATH} with the {@link RetrieveRequest} as JSON ({@link RetrieveCodec}).
 * <p>
 * Response: 200 with a stream of frames, each a kind byte, a 4-byte big-endian length and the payload:
 * first {@code 'S'} (started, empty: the job is taken), then {@code 'P'} frames, each a
 * {@link RetrieveProgress} as JSON: pending ones, and the final one last. A stream that ends without the
 * final progress was cut off: the job stopped at its checkpoint (the pod shut down) or the pod died.
 * Closing the response early stops the job at its next sub-operation, checkpointed.
 */
public final class MoveStream {
    public static final String PATH = "/internal/move";
    public static final String MEDIA_TYPE = "application/x-cloudpacs-move";
    /** A progress message is a few hundred bytes, a final one with many failed UIDs a few megabytes. */
    public static final int MAX_FRAME = 16 << 20;

    private static final byte STARTED = 'S';
    private static final byte PROGRESS = 'P';

    private MoveStream() {
    }

    /** Writes the started frame, the first of the stream. */
    public static void writeStarted(DataOutputStream out) throws IOException {
        out.writeByte(STARTED);
        out.writeInt(0);
    }

    /** Writes one progress frame. */
    public static void writeProgress(DataOutputStream out, RetrieveProgress p) throws IOException {
        byte[] json = RetrieveCodec.encode(p);
        out.writeByte(PROGRESS);
        out.writeInt(json.length);
        out.write(json);
    }

    /**
     * Reads the started frame.
     *
     * @throws IOException when the stream does not start with it
     */
    public static void readStarted(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind != STARTED || in.readInt() != 0) {
            throw new IOException(kind < 0 ? "move stream ended before the job started"
                    : "move stream does not start with the started frame");
        }
    }

    /**
     * Reads the next progress frame.
     *
     * @throws EOFException when the stream ends there (the job did not finish on this call)
     */
    public static RetrieveProgress readProgress(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            throw new EOFException("move stream ended without a final status");
        }
        if (kind != PROGRESS) {
            throw new IOException("move stream frame of unknown kind " + kind);
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("move stream frame of length " + length);
        }
        byte[] json = in.readNBytes(length);
        if (json.length < length) {
            throw new EOFException("move stream cut off inside a frame");
        }
        return RetrieveCodec.decode(json, RetrieveProgress.class);
    }
}
