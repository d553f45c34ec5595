package dev.cloudpacs.dicom.core.dict;

/**
 * One registered DICOM UID (PS3.6 Annex A).
 *
 * @param uid the UID value
 * @param keyword the name of its {@link dev.cloudpacs.dicom.core.UID} constant, e.g.
 *     "CTImageStorage"; retired and draft UIDs carry a RETIRED_ or DRAFT_ prefix
 * @param name a readable name derived from the keyword, e.g. "CT Image Storage"
 * @param type what the UID identifies
 */
public record UidEntry(String uid, String keyword, String name, Type type) {

    /** The UID types of PS3.6 Annex A. */
    public enum Type {
        /** A transfer syntax (PS3.5 section 10). */
        TRANSFER_SYNTAX,
        /** A SOP class: storage, query/retrieve information model, print, worklist, ... */
        SOP_CLASS,
        /** A meta SOP class grouping several SOP classes (print management, detached management). */
        META_SOP_CLASS,
        /** A well-known SOP instance, e.g. the printer or a standard color palette. */
        WELL_KNOWN_SOP_INSTANCE,
        /** A service class, e.g. the Storage Service Class used in role selection. */
        SERVICE_CLASS,
        /** An application context name for association negotiation (PS3.7 Annex A). */
        APPLICATION_CONTEXT_NAME,
        /** An application hosting model (PS3.19). */
        APPLICATION_HOSTING_MODEL,
        /** A coding scheme identified by a UID. */
        CODING_SCHEME,
        /** A mapping resource such as the DICOM Content Mapping Resource (PS3.16). */
        MAPPING_RESOURCE,
        /** An LDAP object identifier for configuration management (PS3.15 Annex H). */
        LDAP_OID,
        /** A synchronization frame of reference, e.g. UTC. */
        SYNCHRONIZATION_FRAME_OF_REFERENCE,
        /** A well-known frame of reference, e.g. an atlas or a standard coordinate system. */
        WELL_KNOWN_FRAME_OF_REFERENCE
    }
}
