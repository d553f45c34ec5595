package dev.cloudpacs.contracts.events;

/**
 * Payload of {@code dicom.study.stable} (key: Study Instance UID): no new instance arrived for the
 * configured quiet period.
 */
public record StudyStable(String studyInstanceUID, String patientID, long numberOfSeries, long numberOfInstances,
                          String lastReceivedAt) {
}
