package dev.cloudpacs.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * Payload of {@code dicom.instance.stored} (key: Study Instance UID): one per stored instance.
 *
 * @param header the instance header as DICOM JSON (bulk data left out), only when configured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceStored(String studyInstanceUID, String seriesInstanceUID, String sopInstanceUID,
                             String sopClassUID, String transferSyntaxUID, long size, String sha256,
                             String storageKey, String callingAE, String calledAE, String receivedAt,
                             Patient patient, Study study, Series series, boolean replaced,
                             @JsonRawValue String header) {

    /** Patient keys. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Patient(String patientID, String issuerOfPatientID, String patientName) {
    }

    /** Study keys. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Study(String studyDate, String studyTime, String accessionNumber, String studyID,
                        String studyDescription) {
    }

    /** Series keys. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String modality, Long seriesNumber, String seriesDescription) {
    }
}
