package dev.cloudpacs.common.query;

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

    /** One key: matched when its match is not universal, returned always. */
    public record Key(int tag, VR vr, Match match, DataSet item) {
        IndexAttribute indexed() {
            return IndexAttribute.of(tag);
        }
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
