package dev.cloudpacs.common.retrieve;

import dev.cloudpacs.dicom.net.query.IdentifierParser;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryLevel;
import dev.cloudpacs.dicom.net.query.QueryModel;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.util.List;

/**
 * What a C-MOVE, C-GET or WADO request retrieves: the unique keys of the retrieve level and the levels
 * above it (PS3.4 C.4.2.2.1). The level's own key may be a list of UIDs; an empty list above the level
 * means "any" (relational retrieve). Every UID is checked before it reaches a query.
 */
public record RetrieveKeys(QueryLevel level, List<String> patientIds, List<String> studyUids,
                           List<String> seriesUids, List<String> sopInstanceUids) {

    /** Keys for a DICOMweb path: a study, or a series of it, or an instance of that. */
    public static RetrieveKeys of(String studyUid, String seriesUid, String sopInstanceUid) throws QueryException {
        QueryLevel level = sopInstanceUid != null ? QueryLevel.IMAGE : seriesUid != null ? QueryLevel.SERIES
                : QueryLevel.STUDY;
        return new RetrieveKeys(level, List.of(), uids(studyUid, "StudyInstanceUID"), uids(seriesUid,
                "SeriesInstanceUID"), uids(sopInstanceUid, "SOPInstanceUID"));
    }

    /**
     * The keys of a C-MOVE or C-GET identifier. The level and the hierarchy above it are checked as for
     * C-FIND ({@link IdentifierParser}); the retrieve level's unique key must be present, without
     * wildcards.
     *
     * @throws QueryException A900 (identifier does not match the SOP class) naming the offending key
     */
    public static RetrieveKeys parse(DataSet identifier, QueryModel model, boolean relational) throws QueryException {
        QueryLevel level = new IdentifierParser(false).relational(relational).parse(identifier, model).level();
        String[] values = identifier.getStrings(level.uniqueKey());
        if (values == null || values.length == 0 || (values.length == 1 && values[0].isBlank())) {
            throw mismatch("needs " + name(level.uniqueKey()) + " (" + level + " retrieve)");
        }
        return new RetrieveKeys(level,
                level == QueryLevel.PATIENT || model.hasLevel(QueryLevel.PATIENT) ? patientIds(identifier) : List.of(),
                level.ordinal() >= QueryLevel.STUDY.ordinal() ? uids(identifier, Tag.StudyInstanceUID) : List.of(),
                level.ordinal() >= QueryLevel.SERIES.ordinal() ? uids(identifier, Tag.SeriesInstanceUID) : List.of(),
                level == QueryLevel.IMAGE ? uids(identifier, Tag.SOPInstanceUID) : List.of());
    }

    private static List<String> patientIds(DataSet id) throws QueryException {
        String[] v = id.getStrings(Tag.PatientID);
        if (v == null) {
            return List.of();
        }
        for (String s : v) {
            if (s.indexOf('*') >= 0 || s.indexOf('?') >= 0) {
                throw mismatch("PatientID (0010,0020) with a wildcard cannot select a retrieve");
            }
        }
        return List.of(v).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> uids(DataSet id, int tag) throws QueryException {
        String[] v = id.getStrings(tag);
        if (v == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>(v.length);
        for (String s : v) {
            String u = s.replace("\0", "").trim();
            if (u.isEmpty()) {
                continue;
            }
            if (!UIDs.isValid(u)) {
                throw mismatch("invalid " + name(tag) + " '" + u + "'");
            }
            out.add(u);
        }
        return List.copyOf(out);
    }

    private static List<String> uids(String uid, String what) throws QueryException {
        if (uid == null) {
            return List.of();
        }
        if (!UIDs.isValid(uid)) {
            throw new QueryException(Status.UNABLE_TO_PROCESS, "invalid " + what + " '" + uid + "'");
        }
        return List.of(uid);
    }

    private static QueryException mismatch(String message) {
        return new QueryException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, message);
    }

    private static String name(int tag) {
        return switch (tag) {
            case Tag.PatientID -> "PatientID (0010,0020)";
            case Tag.StudyInstanceUID -> "StudyInstanceUID (0020,000D)";
            case Tag.SeriesInstanceUID -> "SeriesInstanceUID (0020,000E)";
            default -> "SOPInstanceUID (0008,0018)";
        };
    }
}
