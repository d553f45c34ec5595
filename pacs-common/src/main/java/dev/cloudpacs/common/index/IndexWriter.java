package dev.cloudpacs.common.index;

import dev.cloudpacs.common.outbox.OutboxEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the index with race-free upserts ({@code INSERT ... ON CONFLICT}): two replicas storing into
 * the same new study at the same moment create one patient, one study and one series row. The instance
 * row, its outbox event and the study's "last received" stamp go in one statement, and the parent rows
 * of a series already seen are not written again (their keys are cached once committed), so a store
 * costs one round trip plus the commit and concurrent stores into one study do not queue on its row.
 * Plain JDBC with a local transaction: this is the ingest hot path, and it needs neither an ORM
 * session nor a JTA coordinator for one connection.
 */
@ApplicationScoped
public class IndexWriter {
    /** Outcome of indexing one instance. */
    public record Result(long instancePk, boolean replaced, String previousStorageKey) {
    }

    private record Parents(long studyPk, long seriesPk) {
    }

    private static final int CACHE_SIZE = 10_000;

    private final AgroalDataSource dataSource;
    private final Map<String, Parents> parents = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parents> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private final int statementTimeoutMillis;

    public IndexWriter(AgroalDataSource dataSource, dev.cloudpacs.common.config.PacsConfig config) {
        this.dataSource = dataSource;
        this.statementTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.database().statementTimeout().toMillis());
    }

    /**
     * A pooled connection whose reads give up after {@code pacs.database.statement-timeout}: against a
     * stalled database a store fails within seconds (A700) instead of hanging (the pool resets the
     * timeout when the connection goes back).
     */
    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setNetworkTimeout(Runnable::run, statementTimeoutMillis);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The storage key of an already indexed instance, or null. */
    public String storageKeyOf(String sopInstanceUid) throws SQLException {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT storage_key FROM instance WHERE sop_instance_uid = ?")) {
            ps.setString(1, sopInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Upserts the instance (replacing an existing row of the same SOP Instance UID) with its patient,
     * study and series, and queues {@code event}, whose payload gets {@code "replaced": true|false};
     * all in one transaction, committed before this returns. {@code beforeCommit} runs between the
     * statements and the commit (the object's storage sync overlaps the statements this way); if it
     * throws, the transaction is rolled back.
     */
    public Result record(IndexedInstance i, OutboxEvent event, Runnable beforeCommit) throws SQLException {
        boolean useRemembered = true;
        boolean reconnected = false;
        while (true) {
            try {
                return record(i, event, beforeCommit, useRemembered);
            } catch (StaleParents e) {
                if (!useRemembered) {
                    throw e;
                }
                // The remembered series row is gone (deleted since, or the tables were emptied): look it up again.
                synchronized (parents) {
                    parents.remove(i.seriesUid());
                }
                useRemembered = false;
            } catch (ConnectionLost e) {
                if (reconnected) {
                    throw e;
                }
                // A pooled connection from before a database restart: nothing was committed on it. The idle
                // ones are from the same time, so they go too, and the store is tried once on a new one.
                dataSource.flush(AgroalDataSource.FlushMode.IDLE);
                reconnected = true;
            }
        }
    }

    /** The connection broke before the commit was sent (class 08, connection exception): safe to try again. */
    private static final class ConnectionLost extends SQLException {
        ConnectionLost(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
        }
    }

    private static boolean connectionException(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /** A foreign key violation on a remembered parent key. */
    private static final class StaleParents extends SQLException {
        StaleParents(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
        }
    }

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private Result record(IndexedInstance i, OutboxEvent event, Runnable beforeCommit, boolean useRemembered)
            throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            boolean committing = false;
            try {
                Parents p = null;
                if (useRemembered) {
                    synchronized (parents) {
                        p = parents.get(i.seriesUid());
                    }
                }
                boolean fresh = p == null;
                if (fresh) {
                    p = upsertParents(c, i);
                }
                Result r;
                try {
                    r = upsertInstance(c, i, event, p);
                } catch (SQLException e) {
                    throw !fresh && FOREIGN_KEY_VIOLATION.equals(e.getSQLState()) ? new StaleParents(e) : e;
                }
                committing = true;
                beforeCommit.run();
                c.commit();
                if (fresh) {
                    // Only keys of committed rows may be remembered: a rolled-back series row does not exist.
                    synchronized (parents) {
                        parents.put(i.seriesUid(), p);
                    }
                }
                return r;
            } catch (SQLException e) {
                rollback(c, e);
                throw !committing && connectionException(e) ? new ConnectionLost(e) : e;
            } catch (RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    // a broken connection: the pool discards it; the failure already on its way says why
                }
            }
        }
    }

    /** Rolls back after {@code failure}; a rollback that fails too (the connection is gone) is attached to it. */
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static final String INSTANCE_SQL = "WITH old AS (SELECT storage_key FROM instance"
            + " WHERE sop_instance_uid = ?),"
            + " ins AS (INSERT INTO instance (sop_instance_uid, series_fk, sop_class_uid, instance_number,"
            + " transfer_syntax_uid, storage_key, size_bytes, checksum_sha256, source_ae, called_ae, header)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))"
            + " ON CONFLICT (sop_instance_uid) DO UPDATE SET series_fk = EXCLUDED.series_fk,"
            + " sop_class_uid = EXCLUDED.sop_class_uid, instance_number = EXCLUDED.instance_number,"
            + " transfer_syntax_uid = EXCLUDED.transfer_syntax_uid, storage_key = EXCLUDED.storage_key,"
            + " size_bytes = EXCLUDED.size_bytes, checksum_sha256 = EXCLUDED.checksum_sha256,"
            + " source_ae = EXCLUDED.source_ae, called_ae = EXCLUDED.called_ae, header = EXCLUDED.header,"
            + " received_at = now() RETURNING pk),"
            + " ob AS (INSERT INTO outbox (topic, msg_key, event_id, event_type, event_source, subject, payload)"
            + " VALUES (?, ?, ?, ?, ?, ?, CAST(CAST(? AS jsonb)"
            + " || jsonb_build_object('replaced', EXISTS (SELECT 1 FROM old)) AS text))),"
            // Stability needs "last received" only to the second: skip the row lock otherwise.
            + " st AS (UPDATE study SET last_received_at = now(), stable_published = FALSE WHERE pk = ?"
            + " AND (stable_published OR last_received_at < now() - interval '1 second'))"
            + " SELECT (SELECT pk FROM ins), (SELECT storage_key FROM old)";

    private static Result upsertInstance(Connection c, IndexedInstance i, OutboxEvent e, Parents p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSTANCE_SQL)) {
            int k = 1;
            ps.setString(k++, i.sopInstanceUid());
            ps.setString(k++, i.sopInstanceUid());
            ps.setLong(k++, p.seriesPk());
            ps.setString(k++, i.sopClassUid());
            setLong(ps, k++, i.instanceNumber());
            ps.setString(k++, i.transferSyntaxUid());
            ps.setString(k++, i.storageKey());
            ps.setLong(k++, i.size());
            ps.setString(k++, i.sha256());
            ps.setString(k++, i.sourceAe());
            ps.setString(k++, i.calledAe());
            ps.setString(k++, i.headerJson());
            ps.setString(k++, e.topic());
            ps.setString(k++, e.key());
            ps.setObject(k++, e.id());
            ps.setString(k++, e.type());
            ps.setString(k++, e.source());
            ps.setString(k++, e.subject());
            ps.setString(k++, e.payloadJson());
            ps.setLong(k, p.studyPk());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String previous = rs.getString(2);
                return new Result(rs.getLong(1), previous != null, previous);
            }
        }
    }

    private static Parents upsertParents(Connection c, IndexedInstance i) throws SQLException {
        long patient = returningPk(c, "INSERT INTO patient (patient_id, issuer, patient_name,"
                        + " patient_name_uc, birth_date, sex) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (patient_id, issuer) DO UPDATE SET"
                        + " patient_name = COALESCE(EXCLUDED.patient_name, patient.patient_name),"
                        + " patient_name_uc = COALESCE(EXCLUDED.patient_name_uc, patient.patient_name_uc),"
                        + " birth_date = COALESCE(EXCLUDED.birth_date, patient.birth_date),"
                        + " sex = COALESCE(EXCLUDED.sex, patient.sex), updated_at = now() RETURNING pk",
                i.patientId(), i.issuerOfPatientId(), i.patientName(),
                i.patientName() == null ? null : i.patientName().toUpperCase(Locale.ROOT), i.birthDate(), i.sex());
        long study = returningPk(c, "INSERT INTO study (study_instance_uid, patient_fk, study_date,"
                        + " study_time, accession_number, study_id, study_description, referring_physician)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (study_instance_uid) DO UPDATE SET last_received_at = now(),"
                        + " stable_published = FALSE,"
                        + " study_date = COALESCE(study.study_date, EXCLUDED.study_date),"
                        + " study_time = COALESCE(study.study_time, EXCLUDED.study_time),"
                        + " accession_number = COALESCE(study.accession_number, EXCLUDED.accession_number),"
                        + " study_description = COALESCE(study.study_description, EXCLUDED.study_description)"
                        + " RETURNING pk",
                i.studyUid(), patient, i.studyDate(), i.studyTime(), i.accessionNumber(), i.studyId(),
                i.studyDescription(), i.referringPhysician());
        long series = returningPk(c, "INSERT INTO series (series_instance_uid, study_fk, modality,"
                        + " series_number, series_description, body_part_examined) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (series_instance_uid) DO UPDATE SET"
                        + " modality = COALESCE(series.modality, EXCLUDED.modality) RETURNING pk",
                i.seriesUid(), study, i.modality(), i.seriesNumber(), i.seriesDescription(), i.bodyPart());
        if (i.modality() != null && !i.modality().isEmpty()) {
            // Modalities in Study: once per new series (this runs only for series not yet cached).
            try (PreparedStatement ps = c.prepareStatement("UPDATE study SET modalities = array_append(modalities,"
                    + " CAST(? AS varchar)) WHERE pk = ? AND NOT (CAST(? AS varchar) = ANY(modalities))")) {
                ps.setString(1, i.modality());
                ps.setLong(2, study);
                ps.setString(3, i.modality());
                ps.executeUpdate();
            }
        }
        return new Parents(study, series);
    }

    private static long returningPk(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.length; k++) {
                if (params[k] == null) {
                    ps.setNull(k + 1, Types.OTHER);
                } else {
                    ps.setObject(k + 1, params[k]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void setLong(PreparedStatement ps, int k, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(k, Types.BIGINT);
        } else {
            ps.setLong(k, v);
        }
    }
}
