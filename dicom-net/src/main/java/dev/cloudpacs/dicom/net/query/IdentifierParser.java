package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.charset.SpecificCharacterSet;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a C-FIND identifier into a {@link Query}, checking it against the information model (PS3.4
 * C.4.1.2.1): a Query/Retrieve Level the model has, and for hierarchical queries a single-value unique
 * key for every level above the queried one. Failures carry status A900 (identifier does not match SOP
 * class) or C000 (unable to process).
 */
public final class IdentifierParser {
    private final boolean ignoreCaseNames;
    private boolean relational;
    private boolean combinedDateTime;
    private boolean all;

    public IdentifierParser(boolean ignoreCaseNames) {
        this.ignoreCaseNames = ignoreCaseNames;
    }

    /** Relational queries (QIDO-RS; C-FIND relational-queries extended negotiation) skip the hierarchy check. */
    public IdentifierParser relational(boolean relational) {
        this.relational = relational;
        return this;
    }

    public IdentifierParser combinedDateTime(boolean combined) {
        this.combinedDateTime = combined;
        return this;
    }

    public IdentifierParser all(boolean all) {
        this.all = all;
        return this;
    }

    public Query parse(DataSet id, QueryModel model) throws QueryException {
        String levelCode = id.getString(Tag.QueryRetrieveLevel);
        if (levelCode == null) {
            throw new QueryException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "Query/Retrieve Level (0008,0052) is missing");
        }
        QueryLevel level = QueryLevel.of(levelCode);
        if (level == null || !model.hasLevel(level)) {
            throw new QueryException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "Query/Retrieve Level '" + levelCode.trim() + "' is not a level of the " + model + " model");
        }
        if (!relational) {
            for (QueryLevel above : QueryLevel.values()) {
                if (above.ordinal() >= level.ordinal()) {
                    break;
                }
                if (model.hasLevel(above) && !singleValue(id, above.uniqueKey())) {
                    // The Error Comment holds 64 characters: the missing key first.
                    throw new QueryException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "needs one "
                            + Keys.name(above.uniqueKey()) + " (hierarchical " + level + " query)");
                }
            }
        }
        List<Query.Key> keys = new ArrayList<>(id.size());
        for (int i = 0; i < id.size(); i++) {
            int tag = id.tagAt(i);
            if (tag == Tag.SpecificCharacterSet || tag == Tag.QueryRetrieveLevel || (tag & 0xFFFF) == 0
                    || (tag >>> 16) <= 0x0002) {
                continue;
            }
            VR vr = id.vrAt(i);
            if (vr == VR.SQ) {
                Sequence sq = id.getSequence(tag);
                DataSet item = sq == null || sq.isEmpty() ? null : sq.get(0);
                keys.add(new Query.Key(tag, vr, item == null || item.isEmpty() ? Match.UNIVERSAL : new Match.Items(item),
                        item));
                continue;
            }
            String raw = vr.isString() ? unpad(id.getRawString(tag)) : joined(id.getStrings(tag));
            keys.add(new Query.Key(tag, vr, Match.parse(tag, vr, raw), null));
        }
        SpecificCharacterSet cs = id.contains(Tag.SpecificCharacterSet) ? id.characterSet() : null;
        return new Query(model, level, List.copyOf(keys), cs, ignoreCaseNames, combinedDateTime, all);
    }

    private static boolean singleValue(DataSet id, int tag) {
        String v = id.getRawString(tag);
        return v != null && !v.isBlank() && v.indexOf('\\') < 0 && v.indexOf('*') < 0 && v.indexOf('?') < 0;
    }

    /** Drops the NUL a UID value is padded with (the last of a list keeps it in the raw value). */
    static String unpad(String raw) {
        return raw == null ? null : raw.replace("\0", "");
    }

    private static String joined(String[] values) {
        return values == null ? null : String.join("\\", values);
    }
}
