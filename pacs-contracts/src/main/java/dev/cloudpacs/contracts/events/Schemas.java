package dev.cloudpacs.contracts.events;

import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of each event type's payload, as a class-path resource of this module;
 * {@code dev/cloudpacs/contracts/asyncapi.yaml} refers to the same files.
 */
public final class Schemas {
    /** Where the schemas and the AsyncAPI document are on the class path. */
    public static final String BASE = "/dev/cloudpacs/contracts/";
    public static final String ASYNCAPI = BASE + "asyncapi.yaml";

    private static final Map<String, String> BY_TYPE = Map.of(
            EventTypes.INSTANCE_STORED, "instance-stored.v1",
            EventTypes.STUDY_STABLE, "study-stable.v1",
            EventTypes.RETRIEVE_REQUESTED, "retrieve-requested.v1",
            EventTypes.RETRIEVE_PROGRESS, "retrieve-progress.v1",
            EventTypes.COMMITMENT_REQUESTED, "commitment-notice.v1",
            EventTypes.COMMITMENT_RESULT, "commitment-notice.v1");

    private Schemas() {
    }

    /** The class-path resource of the payload schema of a CloudEvents {@code type}. */
    public static String resourceOf(String type) {
        String name = BY_TYPE.get(type);
        if (name == null) {
            throw new IllegalArgumentException("no event type " + type);
        }
        return BASE + "schemas/" + name + ".schema.json";
    }
}
