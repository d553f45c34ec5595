package dev.cloudpacs.contracts.events;

/** CloudEvents {@code type} values of the archive's events (one contract module; never copied). */
public final class EventTypes {
    public static final String INSTANCE_STORED = "dev.cloudpacs.dicom.instance.stored.v1";
    public static final String STUDY_STABLE = "dev.cloudpacs.dicom.study.stable.v1";
    public static final String RETRIEVE_REQUESTED = "dev.cloudpacs.dicom.retrieve.requested.v1";
    public static final String RETRIEVE_PROGRESS = "dev.cloudpacs.dicom.retrieve.progress.v1";
    public static final String COMMITMENT_REQUESTED = "dev.cloudpacs.dicom.commitment.requested.v1";
    public static final String COMMITMENT_RESULT = "dev.cloudpacs.dicom.commitment.result.v1";

    private EventTypes() {
    }
}
