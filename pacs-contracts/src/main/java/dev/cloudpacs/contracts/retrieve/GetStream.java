package dev.cloudpacs.contracts.retrieve;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The internal C-GET contract between the DIMSE front door and retrieve-service.
 * <p>
 * Request: {@code POST} {@link #PATH}{@code ?model=<C-GET SOP Class UID>&relational=<bool>} with the
 * identifier as an Explicit VR Little Endian data set (as for {@code FindStream}).
 * <p>
 * Response: 200 with a stream of records, each starting with a kind byte: {@code 'N'} (4-byte count of
 * matched instances, first), then per instance either {@code 'I'} (SOP class, SOP instance and transfer
 * syntax UIDs as short-length-prefixed ASCII, an 8-byte length and that many bytes of the stored data
 * set, without its file meta information) or {@code 'F'} (the instance cannot be read from storage:
 * its UIDs and a reason), and finally {@code 'E'} (2-byte DIMSE status and UTF-8 comment). An
 * identifier that cannot be retrieved yields 'E' alone. Closing the response early stops the stream.
 */
public final class GetStream {
    public static final String PATH = "/internal/get";
    public static final String MEDIA_TYPE = "application/x-cloudpacs-get";

    private static final int COUNT = 'N';
    private static final int INSTANCE = 'I';
    private static final int FAILED = 'F';
    private static final int END = 'E';

    /** One record. For an instance, its data set bytes follow in the stream ({@link #length} of them). */
    public record Record(int kind, int count, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                         long length, int status, String comment) {
        public boolean isCount() {
            return kind == COUNT;
        }

        public boolean isInstance() {
            return kind == INSTANCE;
        }

        public boolean isFailed() {
            return kind == FAILED;
        }

        public boolean isEnd() {
            return kind == END;
        }
    }

    private GetStream() {
    }

    public static void writeCount(DataOutputStream out, int count) throws IOException {
        out.write(COUNT);
        out.writeInt(count);
    }

    /** Writes an instance header; the caller then writes exactly {@code length} data set bytes. */
    public static void writeInstanceHeader(DataOutputStream out, String sopClassUid, String sopInstanceUid,
                                           String transferSyntaxUid, long length) throws IOException {
        out.write(INSTANCE);
        ascii(out, sopClassUid);
        ascii(out, sopInstanceUid);
        ascii(out, transferSyntaxUid);
        out.writeLong(length);
    }

    public static void writeFailed(DataOutputStream out, String sopClassUid, String sopInstanceUid, String reason)
            throws IOException {
        out.write(FAILED);
        ascii(out, sopClassUid);
        ascii(out, sopInstanceUid);
        utf8(out, reason);
    }

    public static void writeEnd(DataOutputStream out, int status, String comment) throws IOException {
        out.write(END);
        out.writeShort(status);
        utf8(out, comment == null ? "" : comment);
    }

    /**
     * Reads the next record header; after an instance record the caller reads (or skips) its bytes.
     *
     * @throws EOFException when the stream ends before its end record (retrieve-service went away)
     */
    public static Record read(DataInputStream in) throws IOException {
        int kind = in.read();
        return switch (kind) {
            case -1 -> throw new EOFException("retrieve stream ended without a final status");
            case COUNT -> new Record(kind, in.readInt(), null, null, null, 0, 0, null);
            case INSTANCE -> {
                String cuid = ascii(in);
                String iuid = ascii(in);
                String ts = ascii(in);
                long length = in.readLong();
                if (length < 0) {
                    throw new IOException("retrieve stream instance of negative length");
                }
                yield new Record(kind, 0, cuid, iuid, ts, length, 0, null);
            }
            case FAILED -> new Record(kind, 0, ascii(in), ascii(in), null, 0, 0, utf8(in));
            case END -> new Record(kind, 0, null, null, null, 0, in.readUnsignedShort(), utf8(in));
            default -> throw new IOException("retrieve stream record of unknown kind " + kind);
        };
    }

    /** An input stream over the next {@code length} bytes of {@code in} (closing it does not close {@code in}). */
    public static InputStream bounded(InputStream in, long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("retrieve stream cut off inside an instance");
                }
                left--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw new EOFException("retrieve stream cut off inside an instance");
                }
                left -= n;
                return n;
            }

            @Override
            public void close() throws IOException {
                in.skipNBytes(left);
                left = 0;
            }
        };
    }

    private static void ascii(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.writeShort(b.length);
        out.write(b);
    }

    private static String ascii(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        if (n > 64) {
            throw new IOException("retrieve stream UID of " + n + " characters");
        }
        return new String(in.readNBytes(n), StandardCharsets.US_ASCII);
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, 4096);
        out.writeShort(n);
        out.write(b, 0, n);
    }

    private static String utf8(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
