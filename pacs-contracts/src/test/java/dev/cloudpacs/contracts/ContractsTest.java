package dev.cloudpacs.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cloudpacs.contracts.commitment.CommitmentCodec;
import dev.cloudpacs.contracts.commitment.CommitmentNotice;
import dev.cloudpacs.contracts.events.EventTypes;
import dev.cloudpacs.contracts.events.InstanceStored;
import dev.cloudpacs.contracts.events.Schemas;
import dev.cloudpacs.contracts.events.StudyStable;
import dev.cloudpacs.contracts.events.Topics;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The payload records and their JSON Schemas say the same thing, and the AsyncAPI document names every
 * topic and event type: what a consumer team reads first must be what the services send.
 */
class ContractsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STUDY = "1.2.826.0.1.3680043.2.1125.1";

    private static Set<ValidationMessage> validate(String type, byte[] payload) throws IOException {
        try (InputStream in = ContractsTest.class.getResourceAsStream(Schemas.resourceOf(type))) {
            assertNotNull(in, "schema of " + type);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            JsonNode node = JSON.readTree(payload);
            return schema.validate(node);
        }
    }

    private static void assertValid(String type, byte[] payload) throws IOException {
        Set<ValidationMessage> errors = validate(type, payload);
        assertTrue(errors.isEmpty(), () -> type + ": " + errors + " in " + new String(payload, StandardCharsets.UTF_8));
    }

    private static InstanceStored instanceStored(String sha) {
        return new InstanceStored(STUDY, STUDY + ".2", STUDY + ".2.3", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                1234, sha, "ab/cd/" + STUDY, "CT1", "PACS", "2026-12-07T10:15:30.123Z",
                new InstanceStored.Patient("P1", null, "Doe^Jane"), new InstanceStored.Study("20261207", "101530", "A1",
                null, "CT head"), new InstanceStored.Series("CT", 3L, null), false, "{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P1\"]}}");
    }

    @Test
    void instanceStoredMatchesItsSchema() throws IOException {
        assertValid(EventTypes.INSTANCE_STORED, JSON.writeValueAsBytes(instanceStored("0".repeat(64))));
    }

    @Test
    void aPayloadThatBreaksTheContractIsCaught() throws IOException {
        Set<ValidationMessage> errors = validate(EventTypes.INSTANCE_STORED,
                JSON.writeValueAsBytes(instanceStored("not a sha-256")));
        assertFalse(errors.isEmpty(), "a malformed sha256 must not validate");
        errors = validate(EventTypes.STUDY_STABLE, "{\"studyInstanceUID\":\"1.2\",\"extra\":1}".getBytes(StandardCharsets.UTF_8));
        assertFalse(errors.isEmpty(), "missing and unknown members must not validate");
    }

    @Test
    void studyStableMatchesItsSchema() throws IOException {
        assertValid(EventTypes.STUDY_STABLE, JSON.writeValueAsBytes(new StudyStable(STUDY, null, 2, 40,
                "2026-12-07T10:15:30Z")));
    }

    @Test
    void retrieveMessagesMatchTheirSchemas() throws IOException {
        assertValid(EventTypes.RETRIEVE_REQUESTED, RetrieveCodec.encode(new RetrieveRequest(
                "5b0c7c39-5a3e-4b8e-9d43-0c1e0f5c2a11", "1.2.840.10008.5.1.4.1.2.2.2", "CAgFAA==", false, "STORESCP",
                "MOVESCU", "PACS", 7, 0)));
        assertValid(EventTypes.RETRIEVE_PROGRESS, RetrieveCodec.encode(new RetrieveProgress(
                "5b0c7c39-5a3e-4b8e-9d43-0c1e0f5c2a11", 0xFF00, 3, 1, 0, 0, List.of(), null)));
        assertValid(EventTypes.RETRIEVE_PROGRESS, RetrieveCodec.encode(new RetrieveProgress(
                "5b0c7c39-5a3e-4b8e-9d43-0c1e0f5c2a11", 0xB000, 0, 3, 1, 0, List.of(STUDY + ".9"), "refused")));
    }

    @Test
    void commitmentNoticesMatchTheirSchema() throws IOException {
        assertValid(EventTypes.COMMITMENT_REQUESTED, CommitmentCodec.encode(new CommitmentNotice(STUDY + ".7", "SCU", 0, 0, 0)));
        assertValid(EventTypes.COMMITMENT_RESULT, CommitmentCodec.encode(new CommitmentNotice(STUDY + ".7", "SCU", 2, 3, 1)));
    }

    @Test
    void theAsyncApiDocumentNamesEveryTopicAndEventType() throws Exception {
        String doc;
        try (InputStream in = ContractsTest.class.getResourceAsStream(Schemas.ASYNCAPI)) {
            assertNotNull(in, Schemas.ASYNCAPI);
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String topic : constants(Topics.class)) {
            assertTrue(doc.contains("address: " + topic + "\n"), "asyncapi.yaml has a channel for " + topic);
        }
        for (String type : constants(EventTypes.class)) {
            assertTrue(doc.contains("name: " + type + "\n"), "asyncapi.yaml has a message " + type);
            String schema = Schemas.resourceOf(type).substring(Schemas.BASE.length());
            assertTrue(doc.contains("$ref: '" + schema + "'"), "asyncapi.yaml refers to " + schema);
        }
        assertEquals(6, constants(Topics.class).size());
    }

    private static List<String> constants(Class<?> c) throws IllegalAccessException {
        List<String> out = new java.util.ArrayList<>();
        for (Field f : c.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }
}
