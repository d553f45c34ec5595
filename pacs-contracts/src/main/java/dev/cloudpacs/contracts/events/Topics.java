package dev.cloudpacs.contracts.events;

/**
 * Default Kafka topic names (each can be renamed by configuration); the AsyncAPI document
 * {@code dev/cloudpacs/contracts/asyncapi.yaml} describes them.
 */
public final class Topics {
    public static final String INSTANCE_STORED = "dicom.instance.stored";
    public static final String STUDY_STABLE = "dicom.study.stable";
    public static final String RETRIEVE_REQUESTS = "dicom.retrieve.requests";
    public static final String RETRIEVE_PROGRESS = "dicom.retrieve.progress";
    public static final String COMMITMENT_REQUESTS = "dicom.commitment.requests";
    public static final String COMMITMENT_RESULTS = "dicom.commitment.results";

    private Topics() {
    }
}
