package dev.cloudpacs.dicom.net.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-written byte strings for golden tests: hex digits (whitespace between bytes optional,
 * runs like {@code 0000004A} allowed), {@code 'text'} for ISO 646 characters written as is,
 * and {@code #} comments to the end of the line, which carry the standard's byte offsets.
 */
final class Hex {
    private Hex() {
    }

    static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed quote at " + i);
                }
                out.writeBytes(text.substring(i + 1, close).getBytes(StandardCharsets.ISO_8859_1));
                i = close + 1;
            } else if (Character.isWhitespace(c) || c == '|') {
                i++;
            } else {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("odd hex digit at " + i);
                }
                out.write(Integer.parseInt(text.substring(i, i + 2), 16));
                i += 2;
            }
        }
        return out.toByteArray();
    }

    /** Hex dump for assertion messages. */
    static String dump(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            sb.append(i % 16 == 0 ? (i == 0 ? "" : "\n") : " ").append(String.format("%02X", b[i]));
        }
        return sb.toString();
    }
}
