package dev.cloudpacs.retrieve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small, strict {@code multipart/related} parser for the tests (RFC 2046 section 5.1.1): the whole
 * body in memory, every part's headers and bytes exactly as framed.
 */
public final class Multipart {
    /** One part: headers with lower-case names, and its body bytes. */
    public record Part(Map<String, String> headers, byte[] body) {
        public String contentType() {
            return headers.get("content-type");
        }
    }

    private Multipart() {
    }

    /** A parameter of a Content-Type value (quotes removed), or null. */
    public static String param(String contentType, String name) {
        for (String p : contentType.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /** The media type of a Content-Type value, lower case, without parameters. */
    public static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Splits a body; fails on anything that is not well-framed multipart. */
    public static List<Part> parse(byte[] body, String contentType) {
        if (!mediaType(contentType).equals("multipart/related")) {
            throw new AssertionError("not multipart/related: " + contentType);
        }
        String boundary = param(contentType, "boundary");
        if (boundary == null) {
            throw new AssertionError("no boundary in " + contentType);
        }
        byte[] first = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        if (!Arrays.equals(Arrays.copyOf(body, first.length), first)) {
            throw new AssertionError("body does not start with the first boundary");
        }
        List<Part> parts = new ArrayList<>();
        int pos = first.length;
        while (true) {
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos);
            if (headerEnd < 0) {
                throw new AssertionError("part without a header end at " + pos);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String head = new String(body, pos, headerEnd - pos, StandardCharsets.US_ASCII);
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            int start = headerEnd + 4;
            int end = indexOf(body, delimiter, start);
            if (end < 0) {
                throw new AssertionError("part without a closing delimiter");
            }
            parts.add(new Part(headers, Arrays.copyOfRange(body, start, end)));
            pos = end + delimiter.length;
            if (body.length >= pos + 2 && body[pos] == '-' && body[pos + 1] == '-') {
                return parts;
            }
            if (body.length < pos + 2 || body[pos] != '\r' || body[pos + 1] != '\n') {
                throw new AssertionError("malformed boundary line at " + pos);
            }
            pos += 2;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
