package dev.cloudpacs.contracts.commitment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON encoding of the commitment messages and of the request/result columns. */
public final class CommitmentCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CommitmentCodec() {
    }

    /** {@code message} as JSON bytes. */
    public static byte[] encode(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code message} as a JSON string (for a jsonb column). */
    public static String encodeString(Object message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads a message; unknown fields are ignored (newer writers). */
    public static <T> T decode(byte[] json, Class<T> type) throws IOException {
        return JSON.readValue(json, type);
    }

    /** Reads a message from a JSON string. */
    public static <T> T decode(String json, Class<T> type) throws IOException {
        return JSON.readValue(json, type);
    }
}
