package dev.cloudpacs.common.index;

import dev.cloudpacs.common.storage.StorageKeys;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.util.DateTimes;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * What the index records of one instance: the query keys of every level, taken from its header, plus
 * where and how it was stored.
 */
public record IndexedInstance(String patientId, String issuerOfPatientId, String patientName, LocalDate birthDate,
                              String sex, String studyUid, LocalDate studyDate, LocalTime studyTime,
                              String accessionNumber, String studyId, String studyDescription,
                              String referringPhysician, String seriesUid, String modality, Integer seriesNumber,
                              String seriesDescription, String bodyPart, String sopInstanceUid, String sopClassUid,
                              Integer instanceNumber, String transferSyntaxUid, String storageKey, long size,
                              String sha256, String sourceAe, String calledAe, String headerJson) {

    /**
     * Extracts the keys from a parsed header. UIDs are validated (they name storage paths); other
     * values are kept as given, and unparseable dates become null rather than failing the store.
     */
    public static IndexedInstance from(DataSet ds, String transferSyntaxUid, String storageKey, long size, String sha256,
                                       String sourceAe, String calledAe, String headerJson) {
        return new IndexedInstance(nz(ds.getString(Tag.PatientID)), nz(ds.getString(Tag.IssuerOfPatientID)),
                ds.getString(Tag.PatientName), date(ds.getString(Tag.PatientBirthDate)), ds.getString(Tag.PatientSex),
                StorageKeys.require(ds.getString(Tag.StudyInstanceUID), "Study Instance UID"),
                date(ds.getString(Tag.StudyDate)), time(ds.getString(Tag.StudyTime)), ds.getString(Tag.AccessionNumber),
                ds.getString(Tag.StudyID), ds.getString(Tag.StudyDescription), ds.getString(Tag.ReferringPhysicianName),
                StorageKeys.require(ds.getString(Tag.SeriesInstanceUID), "Series Instance UID"),
                ds.getString(Tag.Modality), integer(ds, Tag.SeriesNumber), ds.getString(Tag.SeriesDescription),
                ds.getString(Tag.BodyPartExamined),
                StorageKeys.require(ds.getString(Tag.SOPInstanceUID), "SOP Instance UID"),
                StorageKeys.require(ds.getString(Tag.SOPClassUID), "SOP Class UID"), integer(ds, Tag.InstanceNumber),
                transferSyntaxUid, storageKey, size, sha256, sourceAe, calledAe, headerJson);
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

    private static Integer integer(DataSet ds, int tag) {
        try {
            int[] v = ds.getInts(tag);
            return v == null || v.length == 0 ? null : v[0];
        } catch (RuntimeException e) {
            return null;
        }
    }
}
