package dev.cloudpacs.ingest.service;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.events.EventTypes;
import dev.cloudpacs.contracts.events.StudyStable;
import dev.cloudpacs.common.outbox.OutboxWriter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Publishes {@code dicom.study.stable} for studies that received no instance for the quiet period.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work without duplicates;
 * a later instance resets the flag and the study becomes stable again later.
 */
@ApplicationScoped
public class StudyStabilityMonitor {
    private final EntityManager em;
    private final OutboxWriter outbox;
    private final PacsConfig config;

    public StudyStabilityMonitor(EntityManager em, OutboxWriter outbox, PacsConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(every = "${pacs.events.stable-scan-interval:PT5S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void scan() {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("SELECT s.pk, s.study_instance_uid, p.patient_id,"
                        // RFC 3339 in UTC, as the event contract says (the text cast gives PostgreSQL's own format).
                        + " to_char(s.last_received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                        + " FROM study s JOIN patient p ON p.pk = s.patient_fk"
                        + " WHERE NOT s.stable_published AND s.last_received_at < now() - make_interval(secs => ?1)"
                        + " ORDER BY s.last_received_at LIMIT 200 FOR UPDATE OF s SKIP LOCKED")
                .setParameter(1, (double) config.events().studyQuietPeriod().toMillis() / 1000)
                .getResultList();
        for (Object[] row : due) {
            long pk = ((Number) row[0]).longValue();
            Object[] counts = (Object[]) em.createNativeQuery("SELECT count(DISTINCT se.pk), count(i.pk) FROM series se"
                    + " LEFT JOIN instance i ON i.series_fk = se.pk WHERE se.study_fk = ?1").setParameter(1, pk)
                    .getSingleResult();
            String uid = (String) row[1];
            outbox.add(config.events().studyStableTopic(), uid, EventTypes.STUDY_STABLE, uid,
                    new StudyStable(uid, (String) row[2], ((Number) counts[0]).longValue(),
                            ((Number) counts[1]).longValue(), (String) row[3]));
            em.createNativeQuery("UPDATE study SET stable_published = TRUE WHERE pk = ?1").setParameter(1, pk)
                    .executeUpdate();
        }
    }
}
