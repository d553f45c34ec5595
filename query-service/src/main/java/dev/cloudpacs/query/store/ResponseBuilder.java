package dev.cloudpacs.query.store;

import dev.cloudpacs.dicom.net.query.Query;
import dev.cloudpacs.dicom.net.query.QueryLevel;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.charset.SpecificCharacterSet;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import dev.cloudpacs.dicom.core.util.DateTimes;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

/**
 * Builds one response identifier: exactly the requested keys (PS3.4 C.4.1.1.3.2), plus the
 * Query/Retrieve Level and the Specific Character Set its values need, valued from the index row or
 * the stored header. Values are written in UTF-8 first and re-encoded at the end in the requester's
 * character set when that can hold them.
 */
final class ResponseBuilder {
    private static final String[] UTF8 = {"ISO_IR 192"};

    private ResponseBuilder() {
    }

    static DataSet build(Query q, Map<IndexAttribute, Object> row, DataSet header, String retrieveAeTitle) {
        DataSet r = new DataSet(q.keys().size() + 4);
        r.setString(Tag.SpecificCharacterSet, VR.CS, UTF8);
        if (q.all() && header != null) {
            copyAll(header, r);
        }
        r.setString(Tag.QueryRetrieveLevel, VR.CS, q.level().name());
        for (Query.Key k : q.keys()) {
            IndexAttribute a = IndexAttribute.of(k.tag());
            if (a != null && !(a == IndexAttribute.STUDY_TIME && header != null && header.contains(Tag.StudyTime))) {
                setIndexed(r, k, a, q.level(), row, retrieveAeTitle);
            } else if (header != null && header.contains(k.tag())) {
                copy(header, k.tag(), r, k.item());
            } else if (!k.optional()) {
                empty(r, k.tag(), vrOf(k));
            }
        }
        return ResponseCharset.finish(r, q.charset());
    }

    private static VR vrOf(Query.Key k) {
        if (k.vr() != VR.UN) {
            return k.vr();
        }
        return ElementDictionary.vrOf(k.tag());
    }

    private static void setIndexed(DataSet r, Query.Key k, IndexAttribute a, QueryLevel level,
                                   Map<IndexAttribute, Object> row, String ae) {
        VR vr = ElementDictionary.vrOf(k.tag());
        Object v = a.availableAt(level) ? row.get(a) : null;
        if (a == IndexAttribute.RETRIEVE_AE_TITLE) {
            v = ae;
        } else if (a == IndexAttribute.INSTANCE_AVAILABILITY) {
            v = "ONLINE";
        }
        if (v == null || (v instanceof String s && s.isEmpty())) {
            r.setValue(k.tag(), vr, new byte[0]);
            return;
        }
        String text = switch (v) {
            case LocalDate d -> DateTimes.formatDate(d);
            case java.sql.Date d -> DateTimes.formatDate(d.toLocalDate());
            case LocalTime t -> DateTimes.formatTime(t);
            case java.sql.Time t -> DateTimes.formatTime(t.toLocalTime());
            default -> v.toString();
        };
        if (a.type == IndexAttribute.Type.LIST) {
            r.setString(k.tag(), vr, text.split("\\\\"));
        } else {
            r.setString(k.tag(), vr, text);
        }
    }

    /** Copies every attribute of a stored header but its bulk data and file meta information. */
    private static void copyAll(DataSet from, DataSet to) {
        for (int i = 0; i < from.size(); i++) {
            int tag = from.tagAt(i);
            if ((tag >>> 16) > 0x0002 && tag != Tag.SpecificCharacterSet && tag != Tag.PixelData) {
                copy(from, tag, to, null);
            }
        }
    }

    /**
     * Copies one attribute, re-encoding text in the target's character set. For a sequence key with
     * an item of keys, each stored item is reduced to those keys.
     */
    static void copy(DataSet from, int tag, DataSet to, DataSet itemKeys) {
        VR vr = from.getVR(tag);
        if (vr == VR.SQ) {
            Sequence src = from.getSequence(tag);
            Sequence dst = to.newSequence(tag, src == null ? 0 : src.size());
            if (src != null) {
                for (DataSet item : src) {
                    DataSet out = dst.addItem();
                    if (itemKeys == null || itemKeys.isEmpty()) {
                        copyAll(item, out);
                    } else {
                        for (int i = 0; i < itemKeys.size(); i++) {
                            int t = itemKeys.tagAt(i);
                            if (item.contains(t)) {
                                copy(item, t, out, itemKeys.vrAt(i) == VR.SQ ? firstItem(itemKeys, t) : null);
                            } else {
                                empty(out, t, itemKeys.vrAt(i));
                            }
                        }
                    }
                }
            }
            return;
        }
        if (vr.usesCharacterSet()) {
            String s = from.getRawString(tag);
            to.setString(tag, vr, s == null ? "" : s);
        } else {
            Object v = from.getValue(tag);
            to.setValue(tag, vr, v instanceof byte[] ? v : from.getBytes(tag));
        }
    }

    private static void empty(DataSet ds, int tag, VR vr) {
        if (vr == VR.SQ) {
            ds.newSequence(tag, 0);
        } else {
            ds.setValue(tag, vr, new byte[0]);
        }
    }

    private static DataSet firstItem(DataSet ds, int tag) {
        Sequence s = ds.getSequence(tag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    /** Re-encodes a response built in UTF-8 into the requester's character set when that can hold it. */
    static final class ResponseCharset {
        private ResponseCharset() {
        }

        static DataSet finish(DataSet r, SpecificCharacterSet requested) {
            if (allAscii(r)) {
                if (requested == null) {
                    r.remove(Tag.SpecificCharacterSet);
                } else {
                    r.setString(Tag.SpecificCharacterSet, VR.CS, requested.values());
                }
                return r;
            }
            if (requested == null || requested.isUtf8() || !encodable(r, requested)) {
                return r;
            }
            DataSet out = new DataSet(r.size());
            out.setString(Tag.SpecificCharacterSet, VR.CS, requested.values());
            transcode(r, out);
            return out;
        }

        private static void transcode(DataSet from, DataSet to) {
            for (int i = 0; i < from.size(); i++) {
                int tag = from.tagAt(i);
                if (tag != Tag.SpecificCharacterSet) {
                    copy(from, tag, to, null);
                }
            }
        }

        private static boolean allAscii(DataSet ds) {
            for (int i = 0; i < ds.size(); i++) {
                VR vr = ds.vrAt(i);
                if (vr == VR.SQ) {
                    Sequence s = ds.getSequence(ds.tagAt(i));
                    if (s != null) {
                        for (DataSet item : s) {
                            if (!allAscii(item)) {
                                return false;
                            }
                        }
                    }
                } else if (vr.usesCharacterSet() && ds.valueAt(i) instanceof byte[] b) {
                    for (byte x : b) {
                        if (x < 0) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private static boolean encodable(DataSet ds, SpecificCharacterSet cs) {
            for (int i = 0; i < ds.size(); i++) {
                VR vr = ds.vrAt(i);
                int tag = ds.tagAt(i);
                if (vr == VR.SQ) {
                    Sequence s = ds.getSequence(tag);
                    if (s != null) {
                        for (DataSet item : s) {
                            if (!encodable(item, cs)) {
                                return false;
                            }
                        }
                    }
                } else if (vr.usesCharacterSet() && tag != Tag.SpecificCharacterSet) {
                    String v = ds.getRawString(tag);
                    if (v != null && !cs.canEncode(v, vr)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
