package dev.cloudpacs.query.service;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.net.query.IdentifierParser;
import dev.cloudpacs.dicom.net.query.Query;
import dev.cloudpacs.query.store.QueryEngine;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryLevel;
import dev.cloudpacs.dicom.net.query.QueryModel;
import dev.cloudpacs.common.storage.StorageKeys;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * QIDO-RS searches (PS3.18 10.6): query parameters become an identifier for the same matching engine
 * C-FIND uses, relational (any level without the keys above it) and with combined date-time ranges.
 * Returns the level's default attributes (PS3.18 Table 10.6.3-3/4/5), those named by includefield
 * (or every stored one with includefield=all), and every matched key.
 */
@ApplicationScoped
public class QidoService {
    /** A bad request: answered 400 with the message. */
    public static class BadRequest extends Exception {
        public BadRequest(String message) {
            super(message);
        }
    }

    /** Which resource was searched: a level, and the UIDs fixed by the path. */
    public record Target(QueryLevel level, String studyUid, String seriesUid) {
    }

    /** The matches (bounded by the limit) and any warnings for the Warning header. */
    public record Result(List<DataSet> matches, List<String> warnings) {
    }

    private static final Set<String> RESERVED = Set.of("includefield", "fuzzymatching", "limit", "offset");
    private static final int[] STUDY_DEFAULTS = {Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber,
            Tag.InstanceAvailability, Tag.ModalitiesInStudy, Tag.ReferringPhysicianName, Tag.TimezoneOffsetFromUTC,
            Tag.RetrieveURL, Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex,
            Tag.StudyInstanceUID, Tag.StudyID, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances};
    private static final int[] SERIES_DEFAULTS = {Tag.Modality, Tag.TimezoneOffsetFromUTC, Tag.SeriesDescription,
            Tag.RetrieveURL, Tag.SeriesInstanceUID, Tag.SeriesNumber, Tag.NumberOfSeriesRelatedInstances,
            Tag.PerformedProcedureStepStartDate, Tag.PerformedProcedureStepStartTime, Tag.RequestAttributesSequence};
    private static final int[] INSTANCE_DEFAULTS = {Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.InstanceAvailability,
            Tag.TimezoneOffsetFromUTC, Tag.RetrieveURL, Tag.InstanceNumber, Tag.Rows, Tag.Columns, Tag.BitsAllocated,
            Tag.NumberOfFrames};

    private final QueryEngine engine;
    private final PacsConfig config;

    public QidoService(QueryEngine engine, PacsConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /**
     * Runs a search.
     *
     * @param retrieveBase the base of WADO-RS URLs for RetrieveURL (".../dicomweb")
     */
    public Result search(Target t, Map<String, List<String>> params, String retrieveBase)
            throws BadRequest, QueryException, SQLException, IOException {
        boolean fuzzy = Boolean.parseBoolean(first(params, "fuzzymatching"));
        int max = config.query().qidoMaxResults();
        int offset = nonNegative(params, "offset", 0);
        int asked = nonNegative(params, "limit", 0);
        int limit = asked == 0 ? max : Math.min(asked, max);

        DataSet id = new DataSet();
        id.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        id.setString(Tag.QueryRetrieveLevel, VR.CS, t.level().name());
        int[] defaults = defaults(t);
        for (int tag : defaults) {
            universal(id, tag);
        }
        boolean all = false;
        java.util.Set<Integer> named = new java.util.HashSet<>();
        for (String v : params.getOrDefault("includefield", List.of())) {
            for (String name : v.split(",")) {
                String n = name.strip();
                if (n.equalsIgnoreCase("all")) {
                    all = true;
                } else if (!n.isEmpty()) {
                    int[] path = QidoKeys.path(n, "includefield");
                    named.add(path[0]);
                    if (path.length == 1 && !id.contains(path[0])) {
                        universal(id, path[0]);
                    } else if (path.length > 1) {
                        setPath(id, path, "");
                    }
                }
            }
        }
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (RESERVED.contains(e.getKey()) || e.getKey().startsWith("_")) {
                continue;
            }
            int[] path = QidoKeys.path(e.getKey(), "parameter");
            String value = String.join("\\", e.getValue());
            QidoKeys.checkValue(path[path.length - 1], value, "parameter " + QidoKeys.printable(e.getKey()));
            VR vr = ElementDictionary.vrOf(path[path.length - 1]);
            if (fuzzy && vr == VR.PN && !value.isEmpty() && value.indexOf('*') < 0 && value.indexOf('?') < 0) {
                value = value + "*"; // fuzzy: names match from their beginning, whatever the case
            }
            setPath(id, path, value);
        }
        if (t.studyUid() != null) {
            id.setString(Tag.StudyInstanceUID, VR.UI, uid(t.studyUid(), "study"));
        }
        if (t.seriesUid() != null) {
            id.setString(Tag.SeriesInstanceUID, VR.UI, uid(t.seriesUid(), "series"));
        }
        // Default attributes the index has no column for come along when a header is read anyway; they
        // alone do not make every match read and parse its stored header.
        java.util.Set<Integer> optional = new java.util.HashSet<>();
        for (int tag : defaults) {
            optional.add(tag);
        }
        optional.removeAll(named);
        Query q = new IdentifierParser(fuzzy || config.query().caseInsensitiveNames()).relational(true)
                .combinedDateTime(true).all(all).parse(id, QueryModel.STUDY_ROOT).withOptional(optional);
        List<DataSet> out = new ArrayList<>();
        boolean retrieveUrl = q.key(Tag.RetrieveURL) != null;
        engine.find(q, offset, limit + 1, match -> {
            match.remove(Tag.QueryRetrieveLevel);
            if (retrieveUrl) {
                match.setString(Tag.RetrieveURL, VR.UR, retrieveUrl(retrieveBase, t.level(), match));
            }
            out.add(match);
            return true;
        });
        List<String> warnings = new ArrayList<>();
        if (out.size() > limit) {
            out.remove(out.size() - 1);
            if (asked == 0 || asked > max) {
                warnings.add("The number of results exceeded the maximum supported by the server ("
                        + max + "). Additional results can be requested.");
            }
        }
        return new Result(out, warnings);
    }

    private static int[] defaults(Target t) {
        List<int[]> sets = new ArrayList<>();
        switch (t.level()) {
            case STUDY -> sets.add(STUDY_DEFAULTS);
            case SERIES -> {
                if (t.studyUid() == null) {
                    sets.add(STUDY_DEFAULTS);
                }
                sets.add(SERIES_DEFAULTS);
            }
            default -> {
                if (t.studyUid() == null) {
                    sets.add(STUDY_DEFAULTS);
                }
                if (t.seriesUid() == null) {
                    sets.add(SERIES_DEFAULTS);
                }
                sets.add(INSTANCE_DEFAULTS);
                sets.add(new int[]{Tag.StudyInstanceUID, Tag.SeriesInstanceUID});
            }
        }
        if (t.level() == QueryLevel.SERIES) {
            sets.add(new int[]{Tag.StudyInstanceUID});
        }
        return sets.stream().flatMapToInt(java.util.Arrays::stream).distinct().toArray();
    }

    private static String retrieveUrl(String base, QueryLevel level, DataSet m) {
        StringBuilder sb = new StringBuilder(base).append("/studies/").append(m.getString(Tag.StudyInstanceUID, ""));
        if (level.ordinal() >= QueryLevel.SERIES.ordinal()) {
            sb.append("/series/").append(m.getString(Tag.SeriesInstanceUID, ""));
        }
        if (level == QueryLevel.IMAGE) {
            sb.append("/instances/").append(m.getString(Tag.SOPInstanceUID, ""));
        }
        return sb.toString();
    }

    private static void universal(DataSet id, int tag) {
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.SQ) {
            id.newSequence(tag, 0);
        } else {
            id.setValue(tag, vr, new byte[0]);
        }
    }

    /** Sets a key, or a key inside (nested) sequence items for a dotted path. */
    private static void setPath(DataSet id, int[] path, String value) {
        DataSet ds = id;
        for (int k = 0; k < path.length - 1; k++) {
            Sequence s = ds.getSequence(path[k]);
            if (s == null) {
                s = ds.newSequence(path[k], 1);
            }
            ds = s.isEmpty() ? s.addItem() : s.get(0);
        }
        int tag = path[path.length - 1];
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.SQ) {
            ds.newSequence(tag, 0);
        } else {
            ds.setString(tag, vr == VR.UN ? VR.UN : vr, value);
        }
    }

    private static String uid(String uid, String what) throws BadRequest {
        try {
            return StorageKeys.require(uid, what + " UID");
        } catch (StorageKeys.InvalidUidException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int nonNegative(Map<String, List<String>> params, String name, int dflt) throws BadRequest {
        String v = first(params, name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        String t = v.strip();
        if (!t.matches("\\+?[0-9]+")) {
            throw new BadRequest(name + " must be a non-negative integer, not '" + QidoKeys.printable(v) + "'");
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " '" + QidoKeys.printable(v) + "' is too large (at most " + Integer.MAX_VALUE + ")");
        }
    }
}
