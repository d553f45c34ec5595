package dev.cloudpacs.dicom.core;

/** Our implementation identity, written in File Meta Information and association requests (PS3.7 D.3.3.2). */
public final class Implementation {
    /** Implementation Class UID: a UUID-derived UID (PS3.5 B.2) fixed for this toolkit. */
    public static final String CLASS_UID = "2.25.104532902144915970619458541229778223131";
    /** Implementation Version Name (at most 16 characters). */
    public static final String VERSION_NAME = "CLOUDPACS_010";

    private Implementation() {
    }
}
