package dev.cloudpacs.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the parts of a {@code multipart/related} body (RFC 2387, framed as RFC 2046 section 5.1.1)
 * one at a time, without holding a part in memory: each part's body is copied to an output stream
 * until the next boundary delimiter.
 */
final class MultipartRelatedReader {
    private final PushbackInputStream in;
    private final byte[] delimiter;
    private boolean finished;

    /** One part's headers (lower-case names). */
    record PartHeaders(Map<String, String> headers) {
        String contentType() {
            return headers.getOrDefault("content-type", "application/dicom");
        }
    }

    MultipartRelatedReader(InputStream in, String boundary) throws IOException {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.in = new PushbackInputStream(new java.io.BufferedInputStream(in, 64 * 1024), delimiter.length + 2);
        skipPreamble(boundary);
    }

    /** The boundary parameter of a Content-Type, or null. */
    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring(9).trim();
                return b.startsWith("\"") && b.endsWith("\"") && b.length() >= 2 ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    private void skipPreamble(String boundary) throws IOException {
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The body may start directly with the first boundary (no leading CRLF).
        byte[] head = in.readNBytes(first.length);
        if (java.util.Arrays.equals(head, first)) {
            finishBoundaryLine();
            return;
        }
        in.unread(head);
        if (!copyUntilDelimiter(OutputStream.nullOutputStream())) {
            throw new IOException("multipart body without a boundary '" + boundary + "'");
        }
        finishBoundaryLine();
    }

    /** Reads the next part's headers, or returns null after the closing boundary. */
    PartHeaders nextPart() throws IOException {
        if (finished) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("multipart body ends inside part headers");
            }
            if (line.isEmpty()) {
                return new PartHeaders(headers);
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    /** Copies the current part's body to {@code out}. */
    void copyBody(OutputStream out) throws IOException {
        if (!copyUntilDelimiter(out)) {
            throw new IOException("multipart body ends before the closing boundary");
        }
        finishBoundaryLine();
    }

    /** After a delimiter: "--" means the end, else CRLF starts the next part. */
    private void finishBoundaryLine() throws IOException {
        int a = in.read();
        int b = in.read();
        if (a == '-' && b == '-') {
            finished = true;
            return;
        }
        // Transport padding (spaces/tabs) may precede the CRLF.
        while (a == ' ' || a == '\t') {
            a = b;
            b = in.read();
        }
        if (a != '\r' || b != '\n') {
            throw new IOException("malformed multipart boundary line");
        }
    }

    /** Copies bytes until the delimiter; true when found, false at the end of input. */
    private boolean copyUntilDelimiter(OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n = 0;
        int matched = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == (delimiter[matched] & 0xff)) {
                matched++;
                if (matched == delimiter.length) {
                    out.write(buf, 0, n);
                    return true;
                }
                continue;
            }
            if (matched > 0) {
                // Not a delimiter after all: emit the first byte of the partial match, re-scan the rest.
                if (n + 1 > buf.length) {
                    out.write(buf, 0, n);
                    n = 0;
                }
                buf[n++] = delimiter[0];
                in.unread(c);
                in.unread(delimiter, 1, matched - 1);
                matched = 0;
                continue;
            }
            if (n == buf.length) {
                out.write(buf, 0, n);
                n = 0;
            }
            buf[n++] = (byte) c;
        }
        out.write(buf, 0, n);
        out.write(delimiter, 0, matched);
        return false;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                int d = in.read();
                if (d == '\n') {
                    return sb.toString();
                }
                sb.append('\r');
                if (d >= 0) {
                    in.unread(d);
                }
                continue;
            }
            if (sb.length() > 8192) {
                throw new IOException("multipart part header line too long");
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
