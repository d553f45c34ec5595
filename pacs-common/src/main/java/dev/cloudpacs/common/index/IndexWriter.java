package dev.cloudpacs.common.index;

import dev.cloudpacs.common.outbox.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the index with race-free upserts ({@code INSERT ... ON CONFLICT}): two replicas storing into
 * the same new study at the same moment create one patient, one study and one series row. The instance
 * row, its outbox event and the study's "last received" stamp go in one statement, and the parent rows
 * of a series already seen are not written again (their keys are cached once committed), so a store
 * costs one round trip plus the commit and concurrent stores into one study do not queue on its row.
 */
@ApplicationScoped
public class IndexWriter {
    /** Outcome of indexing one instance. */
    public record Result(long instancePk, boolean replaced, String previousStorageKey) {
    }

    private record Parents(long studyPk, long seriesPk) {
    }

    private static final int CACHE_SIZE = 10_000;

    private final EntityManager em;
    private final TransactionSynchronizationRegistry tsr;
    private final Map<String, Parents> parents = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parents> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public IndexWriter(EntityManager em, TransactionSynchronizationRegistry tsr) {
        this.em = em;
        this.tsr = tsr;
    }

    /** The storage key of an already indexed instance, or null. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String storageKeyOf(String sopInstanceUid) {
        List<?> r = em.createNativeQuery("SELECT storage_key FROM instance WHERE sop_instance_uid = ?1")
                .setParameter(1, sopInstanceUid).getResultList();
        return r.isEmpty() ? null : (String) r.get(0);
    }

    /**
     * Upserts the instance (replacing an existing row of the same SOP Instance UID) with its patient,
     * study and series, and queues {@code event}, whose payload gets {@code "replaced": true|false}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result upsert(IndexedInstance i, OutboxEvent event) {
        Parents p;
        synchronized (parents) {
            p = parents.get(i.seriesUid());
        }
        if (p == null) {
            Parents fresh = upsertParents(i);
            p = fresh;
            // Only keys of committed rows may be remembered: a rolled-back series row does not exist.
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        synchronized (parents) {
                            parents.put(i.seriesUid(), fresh);
                        }
                    }
                }
            });
        }
        Object[] row = (Object[]) em.createNativeQuery("WITH old AS (SELECT storage_key FROM instance"
                        + " WHERE sop_instance_uid = ?1),"
                        + " ins AS (INSERT INTO instance (sop_instance_uid, series_fk, sop_class_uid, instance_number,"
                        + " transfer_syntax_uid, storage_key, size_bytes, checksum_sha256, source_ae, called_ae, header)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CAST(?11 AS jsonb))"
                        + " ON CONFLICT (sop_instance_uid) DO UPDATE SET series_fk = EXCLUDED.series_fk,"
                        + " sop_class_uid = EXCLUDED.sop_class_uid, instance_number = EXCLUDED.instance_number,"
                        + " transfer_syntax_uid = EXCLUDED.transfer_syntax_uid, storage_key = EXCLUDED.storage_key,"
                        + " size_bytes = EXCLUDED.size_bytes, checksum_sha256 = EXCLUDED.checksum_sha256,"
                        + " source_ae = EXCLUDED.source_ae, called_ae = EXCLUDED.called_ae, header = EXCLUDED.header,"
                        + " received_at = now() RETURNING pk),"
                        + " ob AS (INSERT INTO outbox (topic, msg_key, event_id, event_type, event_source, subject, payload)"
                        + " VALUES (?12, ?13, ?14, ?15, ?16, ?17, CAST(CAST(?18 AS jsonb)"
                        + " || jsonb_build_object('replaced', EXISTS (SELECT 1 FROM old)) AS text))),"
                        // Stability needs "last received" only to the second: skip the row lock otherwise.
                        + " st AS (UPDATE study SET last_received_at = now(), stable_published = FALSE WHERE pk = ?19"
                        + " AND (stable_published OR last_received_at < now() - interval '1 second'))"
                        + " SELECT (SELECT pk FROM ins), (SELECT storage_key FROM old)")
                .setParameter(1, i.sopInstanceUid())
                .setParameter(2, p.seriesPk())
                .setParameter(3, i.sopClassUid())
                .setParameter(4, i.instanceNumber())
                .setParameter(5, i.transferSyntaxUid())
                .setParameter(6, i.storageKey())
                .setParameter(7, i.size())
                .setParameter(8, i.sha256())
                .setParameter(9, i.sourceAe())
                .setParameter(10, i.calledAe())
                .setParameter(11, i.headerJson())
                .setParameter(12, event.topic())
                .setParameter(13, event.key())
                .setParameter(14, event.id())
                .setParameter(15, event.type())
                .setParameter(16, event.source())
                .setParameter(17, event.subject())
                .setParameter(18, event.payloadJson())
                .setParameter(19, p.studyPk())
                .getSingleResult();
        String previous = (String) row[1];
        return new Result(((Number) row[0]).longValue(), previous != null, previous);
    }

    private Parents upsertParents(IndexedInstance i) {
        long patient = ((Number) em.createNativeQuery("INSERT INTO patient (patient_id, issuer, patient_name,"
                        + " patient_name_uc, birth_date, sex) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                        + " ON CONFLICT (patient_id, issuer) DO UPDATE SET"
                        + " patient_name = COALESCE(EXCLUDED.patient_name, patient.patient_name),"
                        + " patient_name_uc = COALESCE(EXCLUDED.patient_name_uc, patient.patient_name_uc),"
                        + " birth_date = COALESCE(EXCLUDED.birth_date, patient.birth_date),"
                        + " sex = COALESCE(EXCLUDED.sex, patient.sex), updated_at = now() RETURNING pk")
                .setParameter(1, i.patientId())
                .setParameter(2, i.issuerOfPatientId())
                .setParameter(3, i.patientName())
                .setParameter(4, i.patientName() == null ? null : i.patientName().toUpperCase(Locale.ROOT))
                .setParameter(5, i.birthDate())
                .setParameter(6, i.sex())
                .getSingleResult()).longValue();
        long study = ((Number) em.createNativeQuery("INSERT INTO study (study_instance_uid, patient_fk, study_date,"
                        + " study_time, accession_number, study_id, study_description, referring_physician)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                        + " ON CONFLICT (study_instance_uid) DO UPDATE SET last_received_at = now(),"
                        + " stable_published = FALSE,"
                        + " study_date = COALESCE(study.study_date, EXCLUDED.study_date),"
                        + " study_time = COALESCE(study.study_time, EXCLUDED.study_time),"
                        + " accession_number = COALESCE(study.accession_number, EXCLUDED.accession_number),"
                        + " study_description = COALESCE(study.study_description, EXCLUDED.study_description)"
                        + " RETURNING pk")
                .setParameter(1, i.studyUid())
                .setParameter(2, patient)
                .setParameter(3, i.studyDate())
                .setParameter(4, i.studyTime())
                .setParameter(5, i.accessionNumber())
                .setParameter(6, i.studyId())
                .setParameter(7, i.studyDescription())
                .setParameter(8, i.referringPhysician())
                .getSingleResult()).longValue();
        long series = ((Number) em.createNativeQuery("INSERT INTO series (series_instance_uid, study_fk, modality,"
                        + " series_number, series_description, body_part_examined) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                        + " ON CONFLICT (series_instance_uid) DO UPDATE SET"
                        + " modality = COALESCE(series.modality, EXCLUDED.modality) RETURNING pk")
                .setParameter(1, i.seriesUid())
                .setParameter(2, study)
                .setParameter(3, i.modality())
                .setParameter(4, i.seriesNumber())
                .setParameter(5, i.seriesDescription())
                .setParameter(6, i.bodyPart())
                .getSingleResult()).longValue();
        return new Parents(study, series);
    }
}
