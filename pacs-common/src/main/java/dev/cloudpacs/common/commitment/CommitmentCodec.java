package dev.cloudpacs.common.commitment;

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

    public static byte[] encode(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String encodeString(Object message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T> T decode(byte[] json, Class<T> type) throws IOException {
        return JSON.readValue(json, type);
    }

    public static <T> T decode(String json, Class<T> type) throws IOException {
        return JSON.readValue(json, type);
    }
}
