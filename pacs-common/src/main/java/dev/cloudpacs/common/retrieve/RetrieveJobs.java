package dev.cloudpacs.common.retrieve;

import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code retrieve_job} table: a C-MOVE job's durable state. The front door creates the row and may
 * ask for a cancel; retrieve-service checkpoints its progress there, so whichever pod picks the job up
 * after a crash resumes at the checkpoint instead of starting over.
 * <p>Plain JDBC, not Panache: the row is written or read three times on every C-MOVE's critical path
 * (create, load, finish). Measured in one C-MOVE of one image (warm, 2026-12-07), a read by key through
 * Panache (the AE registry's {@code findByIdOptional}, request context and session included) took about
 * 1.0 ms, this class's {@link #load} 0.35 ms.
 */
@ApplicationScoped
public class RetrieveJobs {
    /** Job states. */
    public enum State { QUEUED, RUNNING, DONE }

    /** A job's checkpoint. */
    public record Checkpoint(State state, int nextIndex, int completed, int failed, int warning,
                             List<String> failedUids, boolean cancelRequested, Integer finalStatus, String comment) {
    }

    private final AgroalDataSource dataSource;

    public RetrieveJobs(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(RetrieveRequest r) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO retrieve_job (job_id, kind, destination, state,"
                     + " request) VALUES (?, 'MOVE', ?, 'QUEUED', ?::jsonb)")) {
            ps.setObject(1, UUID.fromString(r.jobId()));
            ps.setString(2, r.destination());
            ps.setString(3, new String(RetrieveCodec.encode(r), java.nio.charset.StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
    }

    public Optional<Checkpoint> load(String jobId) throws SQLException {
        return row("SELECT state, next_index, completed, failed, warning, failed_uids, cancel_requested,"
                + " final_status, comment FROM retrieve_job WHERE job_id = ?", jobId, rs -> {
                    int status = rs.getInt(8);
                    Integer finalStatus = rs.wasNull() ? null : status;
                    return new Checkpoint(State.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), failedUids(rs, 6), rs.getBoolean(7), finalStatus, rs.getString(9));
                });
    }

    /**
     * How a job ended, as its row records it (the final progress message is published after the row is
     * marked done); empty while it has not ended.
     */
    public Optional<RetrieveProgress> ended(String jobId) throws SQLException {
        return row("SELECT final_status, remaining, completed, failed, warning, failed_uids, comment"
                + " FROM retrieve_job WHERE job_id = ? AND state = 'DONE' AND final_status IS NOT NULL", jobId,
                rs -> new RetrieveProgress(jobId, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5), failedUids(rs, 6), rs.getString(7)));
    }

    /** Maps the current row of a result. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The job's row as {@code sql} (with the job id as its one parameter) selects it, if there is one. */
    private <T> Optional<T> row(String sql, String jobId, RowReader<T> reader) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(jobId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        }
    }

    private static List<String> failedUids(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    /** Records how far the job got; {@code remaining} is what is left to send. */
    public void checkpoint(String jobId, int nextIndex, int remaining, int completed, int failed, int warning,
                           List<String> failedUids) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE retrieve_job SET state = 'RUNNING', next_index = ?,"
                     + " remaining = ?, completed = ?, failed = ?, warning = ?, failed_uids = ?, updated_at = now()"
                     + " WHERE job_id = ?")) {
            ps.setInt(1, nextIndex);
            ps.setInt(2, remaining);
            ps.setInt(3, completed);
            ps.setInt(4, failed);
            ps.setInt(5, warning);
            ps.setArray(6, c.createArrayOf("text", failedUids.toArray()));
            ps.setObject(7, UUID.fromString(jobId));
            ps.executeUpdate();
        }
    }

    /** Marks the job done with the final status it was answered with. */
    public void finish(String jobId, RetrieveProgress last) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE retrieve_job SET state = 'DONE', remaining = ?,"
                     + " completed = ?, failed = ?, warning = ?, failed_uids = ?, final_status = ?, comment = ?,"
                     + " updated_at = now() WHERE job_id = ?")) {
            ps.setInt(1, Math.max(last.remaining(), 0));
            ps.setInt(2, last.completed());
            ps.setInt(3, last.failed());
            ps.setInt(4, last.warning());
            ps.setArray(5, c.createArrayOf("text", last.failedUids().toArray()));
            ps.setInt(6, last.status());
            ps.setString(7, last.comment() == null ? null : truncate(last.comment()));
            ps.setObject(8, UUID.fromString(jobId));
            ps.executeUpdate();
        }
    }

    /** Asks the pod running the job to stop after the current sub-operation (C-CANCEL). */
    public void requestCancel(String jobId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE retrieve_job SET cancel_requested = TRUE, updated_at = now() WHERE job_id = ?")) {
            ps.setObject(1, UUID.fromString(jobId));
            ps.executeUpdate();
        }
    }

    public boolean cancelRequested(String jobId) throws SQLException {
        return row("SELECT cancel_requested FROM retrieve_job WHERE job_id = ?", jobId, rs -> rs.getBoolean(1))
                .orElse(false);
    }

    private static String truncate(String s) {
        return s.length() <= 256 ? s : s.substring(0, 256);
    }
}
