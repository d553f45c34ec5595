package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.util.List;

/** Matches keys the index has no column for against a stored header (or a sequence item of it). */
public final class HeaderMatcher {
    private HeaderMatcher() {
    }

    /** Whether {@code header} (a stored data set) matches every key (PS3.4 C.2.2.2). */
    public static boolean matches(List<Query.Key> keys, DataSet header, boolean ignoreCase) throws QueryException {
        for (Query.Key k : keys) {
            if (!matches(k.tag(), k.vr(), k.match(), header, ignoreCase)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a stored item matches every non-universal key of a query item. */
    static boolean matchesAll(DataSet queryItem, DataSet stored, boolean ignoreCase) throws QueryException {
        for (int i = 0; i < queryItem.size(); i++) {
            int tag = queryItem.tagAt(i);
            VR vr = queryItem.vrAt(i);
            Match m;
            if (vr == VR.SQ) {
                var sq = queryItem.getSequence(tag);
                m = sq == null || sq.isEmpty() || sq.get(0).isEmpty() ? Match.UNIVERSAL : new Match.Items(sq.get(0));
            } else {
                m = Match.parse(tag, vr, vr.isString() ? IdentifierParser.unpad(queryItem.getRawString(tag)) : join(queryItem.getStrings(tag)));
            }
            if (!matches(tag, vr, m, stored, ignoreCase)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(int tag, VR vr, Match m, DataSet stored, boolean ignoreCase) throws QueryException {
        if (m instanceof Match.Universal) {
            return true;
        }
        if (m instanceof Match.Items items) {
            return Match.matchesSequence(items.item(), stored == null ? null : stored.getSequence(tag), ignoreCase);
        }
        if (stored == null) {
            return false;
        }
        VR storedVr = stored.getVR(tag);
        return m.matches(stored.getStrings(tag), storedVr == null ? vr : storedVr, ignoreCase);
    }

    private static String join(String[] v) {
        return v == null ? null : String.join("\\", v);
    }
}
