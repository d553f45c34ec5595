package dev.cloudpacs.common.index;

import dev.cloudpacs.common.storage.StorageKeys;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import dev.cloudpacs.dicom.core.util.DateTimes;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What the index records of one instance: the query keys of every level, taken from its header, plus
 * where and how it was stored. {@code adjusted} names the keys that had to be shortened or cleaned to
 * fit their index column (the stored object keeps them as sent).
 */
public record IndexedInstance(String patientId, String issuerOfPatientId, String patientName, LocalDate birthDate,
                              String sex, String studyUid, LocalDate studyDate, LocalTime studyTime,
                              String accessionNumber, String studyId, String studyDescription,
                              String referringPhysician, String seriesUid, String modality, Long seriesNumber,
                              String seriesDescription, String bodyPart, String sopInstanceUid, String sopClassUid,
                              Long instanceNumber, String transferSyntaxUid, String storageKey, long size,
                              String sha256, String sourceAe, String calledAe, String headerJson,
                              List<String> adjusted) {

    /**
     * Extracts the keys from a parsed header. UIDs are validated (they name storage paths); text keys
     * longer than their column (V1__index.sql) are indexed by their first characters, NUL characters
     * (which PostgreSQL text cannot hold) are dropped, and unparseable dates and numbers become null:
     * a value the index cannot hold never fails the store, and {@code adjusted} says what was changed.
     */
    public static IndexedInstance from(DataSet ds, String transferSyntaxUid, String storageKey, long size, String sha256,
                                       String sourceAe, String calledAe, String headerJson) {
        Fit f = new Fit(ds);
        return new IndexedInstance(nz(f.text(Tag.PatientID, 64)), nz(f.text(Tag.IssuerOfPatientID, 64)),
                f.text(Tag.PatientName, 324), date(ds.getString(Tag.PatientBirthDate)), f.text(Tag.PatientSex, 16),
                StorageKeys.require(ds.getString(Tag.StudyInstanceUID), "Study Instance UID"),
                date(ds.getString(Tag.StudyDate)), time(ds.getString(Tag.StudyTime)), f.text(Tag.AccessionNumber, 64),
                f.text(Tag.StudyID, 16), f.text(Tag.StudyDescription, 64), f.text(Tag.ReferringPhysicianName, 324),
                StorageKeys.require(ds.getString(Tag.SeriesInstanceUID), "Series Instance UID"),
                f.text(Tag.Modality, 16), f.integer(Tag.SeriesNumber), f.text(Tag.SeriesDescription, 64),
                f.text(Tag.BodyPartExamined, 16),
                StorageKeys.require(ds.getString(Tag.SOPInstanceUID), "SOP Instance UID"),
                StorageKeys.require(ds.getString(Tag.SOPClassUID), "SOP Class UID"), f.integer(Tag.InstanceNumber),
                transferSyntaxUid, storageKey, size, sha256, sourceAe, calledAe, withoutNul(headerJson),
                List.copyOf(f.adjusted));
    }

    /** Collects what had to change for each key to fit the index. */
    private static final class Fit {
        private final DataSet ds;
        final List<String> adjusted = new ArrayList<>();

        Fit(DataSet ds) {
            this.ds = ds;
        }

        String text(int tag, int max) {
            String v = ds.getString(tag);
            if (v == null) {
                return null;
            }
            if (v.indexOf('\0') >= 0) {
                v = v.replace("\0", "");
                adjusted.add(name(tag) + " has NUL characters, indexed without them");
            }
            if (v.codePointCount(0, v.length()) > max) {
                adjusted.add(name(tag) + " is " + v.codePointCount(0, v.length())
                        + " characters, indexed by its first " + max);
                v = v.substring(0, v.offsetByCodePoints(0, max));
            }
            return v;
        }

        /** IS: up to 12 characters, so up to 11 digits and a sign; a long holds every valid value. */
        Long integer(int tag) {
            String v = ds.getString(tag);
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                return Long.parseLong(v.strip().startsWith("+") ? v.strip().substring(1) : v.strip());
            } catch (NumberFormatException e) {
                adjusted.add(name(tag) + " '" + printable(v)
                        + "' is not an integer, not indexed");
                return null;
            }
        }
    }

    private static String name(int tag) {
        String kw = ElementDictionary.keywordOf(tag);
        return kw == null ? Tags.toString(tag) : kw + " " + Tags.toString(tag);
    }

    private static String printable(String s) {
        String t = s.length() > 24 ? s.substring(0, 24) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** JSON escapes a NUL as \u0000, which PostgreSQL's jsonb refuses; the header JSON goes without them. */
    private static String withoutNul(String json) {
        return json == null || !json.contains("\\u0000") ? json : json.replace("\\u0000", "");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static LocalDate date(String s) {
        try {
            return s == null || s.isEmpty() ? null : DateTimes.parseDate(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static LocalTime time(String s) {
        try {
            return s == null || s.isEmpty() ? null : DateTimes.parseTime(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
