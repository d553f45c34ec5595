package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.charset.SpecificCharacterSet;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.util.List;

/**
 * A parsed query: the level, every key of the identifier with how it matches (each key is also a
 * return key), and the options that shape matching.
 *
 * @param charset            the identifier's Specific Character Set (null when it had none); responses
 *                           use it when it can encode them
 * @param ignoreCaseNames    Person Name keys match regardless of case
 * @param combinedDateTime   Study Date and Study Time ranges combine into one date-time range (PS3.4
 *                           C.2.2.2.5.1)
 * @param all                return every attribute of the stored header too (QIDO-RS includefield=all)
 */
public record Query(QueryModel model, QueryLevel level, List<Key> keys, SpecificCharacterSet charset,
                    boolean ignoreCaseNames, boolean combinedDateTime, boolean all) {

    /**
     * One key: matched when its match is not universal, returned always, except an optional key, which
     * is returned only when the stored header is read anyway (it does not make the query read it).
     */
    public record Key(int tag, VR vr, Match match, DataSet item, boolean optional) {
        public Key(int tag, VR vr, Match match, DataSet item) {
            this(tag, vr, match, item, false);
        }
    }

    /** This query with the given universal keys made optional (QIDO-RS default attributes). */
    public Query withOptional(java.util.Set<Integer> tags) {
        List<Key> out = new java.util.ArrayList<>(keys.size());
        for (Key k : keys) {
            boolean optional = tags.contains(k.tag()) && k.match() instanceof Match.Universal;
            out.add(optional ? new Key(k.tag(), k.vr(), k.match(), k.item(), true) : k);
        }
        return new Query(model, level, List.copyOf(out), charset, ignoreCaseNames, combinedDateTime, all);
    }

    public Key key(int tag) {
        for (Key k : keys) {
            if (k.tag() == tag) {
                return k;
            }
        }
        return null;
    }
}
