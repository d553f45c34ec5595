package dev.cloudpacs.retrieve.service.wado;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Frames a {@code multipart/related} body (RFC 2387, RFC 2046 section 5.1.1) part by part onto a stream:
 * each part's bytes go straight from the caller to the wire, so no part is ever held in memory.
 */
public final class MultipartWriter {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final byte[] dashBoundary;
    private boolean first = true;
    private boolean finished;

    public MultipartWriter(OutputStream out, String boundary) {
        this.out = out;
        this.dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** A fresh boundary: random, so it cannot occur in any part (RFC 2046 section 5.1.1). */
    public static String newBoundary() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "cloudpacs-" + HexFormat.of().formatHex(b);
    }

    /** The response Content-Type: {@code multipart/related; type="<type>"; boundary=<boundary>}. */
    public static String contentType(String partType, String boundary) {
        return "multipart/related; type=\"" + partType + "\"; boundary=" + boundary;
    }

    /**
     * Starts the next part with these headers; write its body to the returned stream (closing it only
     * ends the part, never the response).
     */
    public OutputStream startPart(Map<String, String> headers) throws IOException {
        if (finished) {
            throw new IllegalStateException("multipart body already finished");
        }
        if (!first) {
            out.write(CRLF);
        }
        first = false;
        out.write(dashBoundary);
        out.write(CRLF);
        StringBuilder h = new StringBuilder();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            h.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the part ends with the next delimiter
            }
        };
    }

    /** Writes the close delimiter; an empty body still gets one, so it parses as zero parts. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (!first) {
            out.write(CRLF);
        }
        out.write(dashBoundary);
        out.write(new byte[] {'-', '-', '\r', '\n'});
        out.flush();
    }
}
