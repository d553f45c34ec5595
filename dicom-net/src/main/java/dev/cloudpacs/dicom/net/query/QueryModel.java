package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.net.dimse.CommandField;
import dev.cloudpacs.dicom.net.dimse.QueryRetrieveModel;

/** The C-FIND information models (PS3.4 C.6): which levels each has and where its hierarchy starts. */
public enum QueryModel {
    PATIENT_ROOT(QueryRetrieveModel.PATIENT_ROOT, QueryLevel.PATIENT, QueryLevel.IMAGE),
    STUDY_ROOT(QueryRetrieveModel.STUDY_ROOT, QueryLevel.STUDY, QueryLevel.IMAGE),
    /** Retired (PS3.4-2004 C.6.3): Patient Root without the series and image levels. */
    PATIENT_STUDY_ONLY(QueryRetrieveModel.PATIENT_STUDY_ONLY, QueryLevel.PATIENT, QueryLevel.STUDY);

    private final QueryRetrieveModel model;
    private final QueryLevel top;
    private final QueryLevel bottom;

    QueryModel(QueryRetrieveModel model, QueryLevel top, QueryLevel bottom) {
        this.model = model;
        this.top = top;
        this.bottom = bottom;
    }

    public QueryLevel top() {
        return top;
    }

    public boolean hasLevel(QueryLevel level) {
        return level.ordinal() >= top.ordinal() && level.ordinal() <= bottom.ordinal();
    }

    /** The C-FIND SOP Class UID of this model. */
    public String findSopClassUid() {
        return model.sopClassUid(CommandField.C_FIND_RQ);
    }

    /** The model of a C-FIND, C-MOVE or C-GET SOP Class UID, or null. */
    public static QueryModel ofSopClass(String cuid) {
        QueryRetrieveModel m = QueryRetrieveModel.of(cuid);
        for (QueryModel q : values()) {
            if (q.model == m) {
                return q;
            }
        }
        return null;
    }

    /** The model of a C-FIND SOP Class UID, or null. */
    public static QueryModel ofFindSopClass(String cuid) {
        for (QueryModel m : values()) {
            if (m.findSopClassUid().equals(cuid)) {
                return m;
            }
        }
        return null;
    }
}
