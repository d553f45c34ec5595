package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.Tag;

/** The Query/Retrieve levels of PS3.4 C.3, top to bottom, each with its unique key. */
public enum QueryLevel {
    PATIENT(Tag.PatientID),
    STUDY(Tag.StudyInstanceUID),
    SERIES(Tag.SeriesInstanceUID),
    IMAGE(Tag.SOPInstanceUID);

    private final int uniqueKey;

    QueryLevel(int uniqueKey) {
        this.uniqueKey = uniqueKey;
    }

    /** The attribute identifying an entity of this level. */
    public int uniqueKey() {
        return uniqueKey;
    }

    /** The level named by a Query/Retrieve Level (0008,0052) value, or null. */
    public static QueryLevel of(String code) {
        if (code == null) {
            return null;
        }
        for (QueryLevel l : values()) {
            if (l.name().equals(code.trim())) {
                return l;
            }
        }
        return null;
    }
}
