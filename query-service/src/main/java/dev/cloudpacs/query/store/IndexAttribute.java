package dev.cloudpacs.query.store;

import dev.cloudpacs.dicom.net.query.QueryLevel;
import dev.cloudpacs.dicom.core.Tag;

import java.util.HashMap;
import java.util.Map;

/**
 * The attributes the index keeps as columns (see V1__index.sql), the ones derived from it (counts,
 * Modalities/SOP Classes in Study) and the ones the archive itself supplies. Anything else is matched
 * and returned from the stored header JSON.
 */
enum IndexAttribute {
    PATIENT_ID(Tag.PatientID, QueryLevel.PATIENT, "p.patient_id", Type.STRING),
    ISSUER_OF_PATIENT_ID(Tag.IssuerOfPatientID, QueryLevel.PATIENT, "p.issuer", Type.STRING),
    PATIENT_NAME(Tag.PatientName, QueryLevel.PATIENT, "p.patient_name", Type.NAME),
    PATIENT_BIRTH_DATE(Tag.PatientBirthDate, QueryLevel.PATIENT, "p.birth_date", Type.DATE),
    PATIENT_SEX(Tag.PatientSex, QueryLevel.PATIENT, "p.sex", Type.STRING),
    STUDY_INSTANCE_UID(Tag.StudyInstanceUID, QueryLevel.STUDY, "st.study_instance_uid", Type.STRING),
    STUDY_DATE(Tag.StudyDate, QueryLevel.STUDY, "st.study_date", Type.DATE),
    STUDY_TIME(Tag.StudyTime, QueryLevel.STUDY, "st.study_time", Type.TIME),
    ACCESSION_NUMBER(Tag.AccessionNumber, QueryLevel.STUDY, "st.accession_number", Type.STRING),
    STUDY_ID(Tag.StudyID, QueryLevel.STUDY, "st.study_id", Type.STRING),
    STUDY_DESCRIPTION(Tag.StudyDescription, QueryLevel.STUDY, "st.study_description", Type.STRING),
    REFERRING_PHYSICIAN(Tag.ReferringPhysicianName, QueryLevel.STUDY, "st.referring_physician", Type.NAME),
    SERIES_INSTANCE_UID(Tag.SeriesInstanceUID, QueryLevel.SERIES, "se.series_instance_uid", Type.STRING),
    MODALITY(Tag.Modality, QueryLevel.SERIES, "se.modality", Type.STRING),
    SERIES_NUMBER(Tag.SeriesNumber, QueryLevel.SERIES, "se.series_number", Type.INTEGER),
    SERIES_DESCRIPTION(Tag.SeriesDescription, QueryLevel.SERIES, "se.series_description", Type.STRING),
    BODY_PART_EXAMINED(Tag.BodyPartExamined, QueryLevel.SERIES, "se.body_part_examined", Type.STRING),
    SOP_INSTANCE_UID(Tag.SOPInstanceUID, QueryLevel.IMAGE, "i.sop_instance_uid", Type.STRING),
    SOP_CLASS_UID(Tag.SOPClassUID, QueryLevel.IMAGE, "i.sop_class_uid", Type.STRING),
    INSTANCE_NUMBER(Tag.InstanceNumber, QueryLevel.IMAGE, "i.instance_number", Type.INTEGER),

    // Derived: computed per matched entity, only when asked for.
    PATIENT_RELATED_STUDIES(Tag.NumberOfPatientRelatedStudies, QueryLevel.PATIENT,
            "(SELECT count(*) FROM study x WHERE x.patient_fk = p.pk)", Type.COUNT),
    PATIENT_RELATED_SERIES(Tag.NumberOfPatientRelatedSeries, QueryLevel.PATIENT,
            "(SELECT count(*) FROM series x JOIN study y ON x.study_fk = y.pk WHERE y.patient_fk = p.pk)", Type.COUNT),
    PATIENT_RELATED_INSTANCES(Tag.NumberOfPatientRelatedInstances, QueryLevel.PATIENT,
            "(SELECT count(*) FROM instance x JOIN series y ON x.series_fk = y.pk JOIN study z ON y.study_fk = z.pk"
                    + " WHERE z.patient_fk = p.pk)", Type.COUNT),
    STUDY_RELATED_SERIES(Tag.NumberOfStudyRelatedSeries, QueryLevel.STUDY,
            "(SELECT count(*) FROM series x WHERE x.study_fk = st.pk)", Type.COUNT),
    STUDY_RELATED_INSTANCES(Tag.NumberOfStudyRelatedInstances, QueryLevel.STUDY,
            "(SELECT count(*) FROM instance x JOIN series y ON x.series_fk = y.pk WHERE y.study_fk = st.pk)", Type.COUNT),
    SERIES_RELATED_INSTANCES(Tag.NumberOfSeriesRelatedInstances, QueryLevel.SERIES,
            "(SELECT count(*) FROM instance x WHERE x.series_fk = se.pk)", Type.COUNT),
    MODALITIES_IN_STUDY(Tag.ModalitiesInStudy, QueryLevel.STUDY,
            "(SELECT string_agg(m, '\\' ORDER BY m) FROM unnest(st.modalities) m)",
            Type.LIST),
    SOP_CLASSES_IN_STUDY(Tag.SOPClassesInStudy, QueryLevel.STUDY,
            "(SELECT string_agg(DISTINCT x.sop_class_uid, '\\' ORDER BY x.sop_class_uid) FROM instance x"
                    + " JOIN series y ON x.series_fk = y.pk WHERE y.study_fk = st.pk)", Type.LIST),

    // Supplied by the archive.
    RETRIEVE_AE_TITLE(Tag.RetrieveAETitle, QueryLevel.PATIENT, null, Type.ARCHIVE),
    INSTANCE_AVAILABILITY(Tag.InstanceAvailability, QueryLevel.PATIENT, null, Type.ARCHIVE);

    enum Type {
        STRING, NAME, DATE, TIME, INTEGER, COUNT, LIST, ARCHIVE;

        boolean column() {
            return this != COUNT && this != LIST && this != ARCHIVE;
        }
    }

    private static final Map<Integer, IndexAttribute> BY_TAG = new HashMap<>();

    static {
        for (IndexAttribute a : values()) {
            BY_TAG.put(a.tag, a);
        }
    }

    final int tag;
    final QueryLevel level;
    final String sql;
    final Type type;

    IndexAttribute(int tag, QueryLevel level, String sql, Type type) {
        this.tag = tag;
        this.level = level;
        this.sql = sql;
        this.type = type;
    }

    /** The SQL alias this attribute's value is selected as. */
    String alias() {
        return "a_" + ordinal();
    }

    /** Whether this attribute's value exists for entities of the query level (it is at or above it). */
    boolean availableAt(QueryLevel queryLevel) {
        return level.ordinal() <= queryLevel.ordinal();
    }

    static IndexAttribute of(int tag) {
        return BY_TAG.get(tag);
    }
}
