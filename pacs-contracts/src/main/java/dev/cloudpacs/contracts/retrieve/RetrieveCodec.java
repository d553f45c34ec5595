package dev.cloudpacs.contracts.retrieve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** JSON encoding of the retrieve messages (the Kafka payloads and the retrieve_job row). */
public final class RetrieveCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RetrieveCodec() {
    }

    public static byte[] encode(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T decode(byte[] json, Class<T> type) throws IOException {
        return JSON.readValue(json, type);
    }

    /** The identifier as carried in a {@link RetrieveRequest}. */
    public static String identifier(DataSet identifier) throws IOException {
        return Base64.getEncoder().encodeToString(FindStream.encodeIdentifier(identifier));
    }

    public static DataSet identifier(String base64) throws IOException {
        return FindStream.decodeIdentifier(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }
}
