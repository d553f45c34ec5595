package dev.cloudpacs.dicom.net.dimse;

import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.dict.UidRegistry;

/**
 * Which service class a SOP class UID belongs to, and the well-known UIDs the DIMSE layer uses.
 * Storage is decided by {@link UidRegistry#isStorageSopClass}; Query/Retrieve by
 * {@link QueryRetrieveModel}.
 */
public final class SopClasses {
    /** Verification SOP Class (PS3.4 A.4). */
    public static final String VERIFICATION = UID.VerificationSOPClass;
    /** Storage Commitment Push Model SOP Class (PS3.4 J.3). */
    public static final String STORAGE_COMMITMENT_PUSH_MODEL = UID.StorageCommitmentPushModelSOPClass;
    /**
     * The well-known SOP instance of the Storage Commitment Push Model: the Requested SOP Instance UID
     * of every commitment N-ACTION-RQ and the Affected SOP Instance UID of the N-EVENT-REPORT-RQ.
     */
    public static final String STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE = UID.StorageCommitmentPushModelSOPInstance;
    /** Modality Worklist Information Model - FIND (PS3.4 K.6). */
    public static final String MODALITY_WORKLIST_FIND = UID.FINDModalityWorklistInformationModel;

    private SopClasses() {
    }

    /** The service class of a SOP class UID; {@link ServiceClass#OTHER} when none of ours. */
    public static ServiceClass serviceClassOf(String cuid) {
        if (cuid == null) {
            return ServiceClass.OTHER;
        }
        if (VERIFICATION.equals(cuid)) {
            return ServiceClass.VERIFICATION;
        }
        if (STORAGE_COMMITMENT_PUSH_MODEL.equals(cuid)) {
            return ServiceClass.STORAGE_COMMITMENT;
        }
        if (MODALITY_WORKLIST_FIND.equals(cuid)) {
            return ServiceClass.BASIC_WORKLIST_MANAGEMENT;
        }
        // Before storage: the registry's "unknown UID under the storage arc" rule must not claim
        // a Query/Retrieve model, though none currently lives there.
        if (QueryRetrieveModel.of(cuid) != null) {
            return ServiceClass.QUERY_RETRIEVE;
        }
        if (UidRegistry.isStorageSopClass(cuid)) {
            return ServiceClass.STORAGE;
        }
        return ServiceClass.OTHER;
    }

    /** True for Storage SOP classes. */
    public static boolean isStorage(String cuid) {
        return cuid != null && UidRegistry.isStorageSopClass(cuid);
    }

    /** The Query/Retrieve model of a SOP class UID, or null. */
    public static QueryRetrieveModel queryRetrieveModel(String cuid) {
        return QueryRetrieveModel.of(cuid);
    }

    /** C_FIND_RQ, C_MOVE_RQ or C_GET_RQ for a Query/Retrieve SOP class UID, else null. */
    public static CommandField queryRetrieveOperation(String cuid) {
        return QueryRetrieveModel.operationOf(cuid);
    }

    /**
     * The well-known SOP instance UID a SOP class is addressed through, or null: N-ACTION requests for
     * storage commitment go to 1.2.840.10008.1.20.1.1, never to an instance of their own.
     */
    public static String wellKnownInstanceOf(String cuid) {
        return STORAGE_COMMITMENT_PUSH_MODEL.equals(cuid) ? STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE : null;
    }
}
