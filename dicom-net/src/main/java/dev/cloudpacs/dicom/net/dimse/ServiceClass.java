package dev.cloudpacs.dicom.net.dimse;

/**
 * The service classes of PS3.4 this code base takes part in; the class decides which status table
 * applies to a response (see {@link Status}). {@link SopClasses} maps SOP class UIDs to them.
 */
public enum ServiceClass {
    /** PS3.4 Annex A: C-ECHO. */
    VERIFICATION("PS3.4 Annex A"),
    /** PS3.4 Annex B: C-STORE of composite instances. */
    STORAGE("PS3.4 Annex B"),
    /** PS3.4 Annex C: C-FIND, C-MOVE and C-GET on the Query/Retrieve information models. */
    QUERY_RETRIEVE("PS3.4 Annex C"),
    /** PS3.4 Annex J: N-ACTION / N-EVENT-REPORT of the Storage Commitment Push Model. */
    STORAGE_COMMITMENT("PS3.4 Annex J"),
    /** PS3.4 Annex K: C-FIND on the Modality Worklist information model. */
    BASIC_WORKLIST_MANAGEMENT("PS3.4 Annex K"),
    /** A SOP class none of the above covers: only the general statuses of PS3.7 Annex C apply. */
    OTHER("PS3.7 Annex C");

    private final String reference;

    ServiceClass(String reference) {
        this.reference = reference;
    }

    /** Where the standard defines the service class, e.g. "PS3.4 Annex B". */
    public String reference() {
        return reference;
    }
}
