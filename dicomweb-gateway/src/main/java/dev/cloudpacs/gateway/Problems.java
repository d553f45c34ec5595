package dev.cloudpacs.gateway;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * The gateway's own error answers in the services' format (pacs-common's {@code Problem}): RFC 9457
 * problem details, {@code application/problem+json} with type, title, status and a one-line detail,
 * and the detail again in a {@code Warning: 299} header (PS3.18 8.6.3).
 */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The body of a problem with {@code status} and {@code detail}. */
    static Buffer body(int status, String detail) {
        return Buffer.buffer("{\"type\":\"about:blank\",\"title\":" + quote(title(status)) + ",\"status\":" + status
                + ",\"detail\":" + quote(oneLine(detail)) + "}\n");
    }

    /** Sets Content-Type and Warning for a problem with {@code detail}. */
    static void headers(MultiMap headers, String detail) {
        headers.set("Content-Type", MEDIA_TYPE);
        headers.set("Warning", "299 cloudpacs \"" + oneLine(detail).replace('"', '\'') + "\"");
    }

    static String title(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
