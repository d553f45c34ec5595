package dev.cloudpacs.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cloudpacs.contracts.events.Schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Checks an event a service produced against the JSON Schema the contracts publish for its type. */
public final class EventContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContract() {
    }

    /** Throws an AssertionError naming every violation when {@code payload} does not fit {@code type}'s schema. */
    public static void assertValid(String type, String payload) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, EventContract::load);
        Set<ValidationMessage> errors;
        try {
            errors = schema.validate(JSON.readTree(payload));
        } catch (IOException e) {
            throw new AssertionError(type + " payload is not JSON: " + e.getMessage() + ": " + payload);
        }
        if (!errors.isEmpty()) {
            throw new AssertionError(type + " payload breaks its contract: " + errors + " in " + payload);
        }
    }

    private static JsonSchema load(String type) {
        try (InputStream in = EventContract.class.getResourceAsStream(Schemas.resourceOf(type))) {
            if (in == null) {
                throw new IllegalStateException("no schema resource for " + type);
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
