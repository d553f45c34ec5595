package dev.cloudpacs.common.commitment;

import dev.cloudpacs.contracts.commitment.CommitmentCodec;
import dev.cloudpacs.contracts.commitment.CommitmentRequest;
import dev.cloudpacs.contracts.commitment.CommitmentResult;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code commitment_transaction} table: a storage commitment transaction's durable state. Every
 * hand-over between the front door and commitment-service is a conditional UPDATE, so exactly one of
 * them reports a result.
 * <pre>
 * QUEUED           front door stored the request (result null)
 * COMPUTED         commitment-service stored the result; the front door may report it on the
 *                  requester's association within the grace period
 * SAME_ASSOCIATION the front door claimed it and is sending the N-EVENT-REPORT
 * NEW_ASSOCIATION  the requester's association is gone: commitment-service reports on a new one
 * DELIVERING       commitment-service claimed it and is opening an association
 * RETRY            a new-association report failed; next try at next_attempt_at
 * DELIVERED        reported (delivered_on says how)
 * FAILED           not reported by deliver_by
 * </pre>
 * Plain JDBC, not Panache: every step is one conditional {@code UPDATE ... RETURNING} (the claim with
 * {@code FOR UPDATE SKIP LOCKED}) whose row count decides who reports; an entity would be loaded, changed
 * and flushed in two round trips, and lose the race the single statement settles.
 */
@ApplicationScoped
public class CommitmentTransactions {
    /** Transaction states (the column values). */
    public enum State { QUEUED, COMPUTED, SAME_ASSOCIATION, NEW_ASSOCIATION, DELIVERING, RETRY, DELIVERED, FAILED }

    /** A transaction's row. */
    public record Row(String transactionUid, String requesterAe, State state, CommitmentRequest request,
                      CommitmentResult result, int attempts, String lastError, Instant deliverBy) {
    }

    private static final String COLUMNS = "transaction_uid, requester_ae, state, request::text, result::text,"
            + " attempts, last_error, deliver_by";

    private final AgroalDataSource dataSource;

    public CommitmentTransactions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new request; false when a transaction with this UID exists already (a repeated request).
     */
    public boolean create(CommitmentRequest r) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO commitment_transaction (transaction_uid,"
                     + " requester_ae, state, request) VALUES (?, ?, 'QUEUED', ?::jsonb) ON CONFLICT DO NOTHING")) {
            ps.setString(1, r.transactionUid());
            ps.setString(2, r.requesterAe());
            ps.setString(3, CommitmentCodec.encodeString(r));
            return ps.executeUpdate() == 1;
        }
    }

    /** The transaction's row, if there is one. */
    public Optional<Row> load(String transactionUid) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM commitment_transaction WHERE transaction_uid = ?")) {
            ps.setString(1, transactionUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Stores the result of a transaction not computed yet, to be reported by {@code deliverBy}; false
     * when it had one already (a redelivered request: the first answer stands).
     */
    public boolean storeResult(CommitmentResult result, Duration deadline) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE commitment_transaction SET result = ?::jsonb,"
                     + " state = CASE WHEN state = 'QUEUED' THEN 'COMPUTED' ELSE state END,"
                     + " deliver_by = now() + make_interval(secs => ?), next_attempt_at = now(), updated_at = now()"
                     + " WHERE transaction_uid = ? AND result IS NULL")) {
            ps.setString(1, CommitmentCodec.encodeString(result));
            ps.setDouble(2, deadline.toMillis() / 1000.0);
            ps.setString(3, result.transactionUid());
            return ps.executeUpdate() == 1;
        }
    }

    /** The front door takes the report for the requester's open association; empty when it may not. */
    public Optional<CommitmentResult> claimSameAssociation(String transactionUid) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE commitment_transaction SET state = 'SAME_ASSOCIATION',"
                     + " updated_at = now() WHERE transaction_uid = ? AND state = 'COMPUTED' RETURNING result::text")) {
            ps.setString(1, transactionUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(decode(rs.getString(1), CommitmentResult.class)) : Optional.empty();
            }
        }
    }

    /** The requester's association is gone: commitment-service reports on a new association. */
    public void requesterGone(String transactionUid, String why) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE commitment_transaction SET state = 'NEW_ASSOCIATION',"
                     + " next_attempt_at = now(), last_error = ?, updated_at = now() WHERE transaction_uid = ?"
                     + " AND state IN ('QUEUED', 'COMPUTED', 'SAME_ASSOCIATION')")) {
            ps.setString(1, truncate(why));
            ps.setString(2, transactionUid);
            ps.executeUpdate();
        }
    }

    /** Records a report as delivered ({@code how}: "same association" or "new association"). */
    public void delivered(String transactionUid, String how) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE commitment_transaction SET state = 'DELIVERED',"
                     + " delivered_at = now(), delivered_on = ?, updated_at = now() WHERE transaction_uid = ?")) {
            ps.setString(1, how);
            ps.setString(2, transactionUid);
            ps.executeUpdate();
        }
    }

    /**
     * Claims one result due for a report on a new association: past the same-association grace, handed
     * over by the front door, due for a retry, or abandoned by a pod that died while delivering.
     */
    public Optional<Row> claimDue(Duration grace, Duration stale) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE commitment_transaction SET state = 'DELIVERING',"
                     + " attempts = attempts + 1, updated_at = now() WHERE transaction_uid = ("
                     + " SELECT transaction_uid FROM commitment_transaction WHERE result IS NOT NULL AND ("
                     + " (state = 'COMPUTED' AND updated_at < now() - make_interval(secs => ?))"
                     + " OR (state IN ('NEW_ASSOCIATION', 'RETRY') AND next_attempt_at <= now())"
                     + " OR (state IN ('DELIVERING', 'SAME_ASSOCIATION') AND updated_at < now() - make_interval(secs => ?)))"
                     + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)) {
            ps.setDouble(1, grace.toMillis() / 1000.0);
            ps.setDouble(2, stale.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Records a failed report: retried at {@code nextAttempt} when that is before the deadline, else the
     * transaction is FAILED. Returns the state set.
     */
    public State attemptFailed(String transactionUid, String error, Instant nextAttempt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE commitment_transaction SET"
                     + " state = CASE WHEN ? < deliver_by THEN 'RETRY' ELSE 'FAILED' END, next_attempt_at = ?,"
                     + " last_error = ?, updated_at = now() WHERE transaction_uid = ? RETURNING state")) {
            ps.setTimestamp(1, Timestamp.from(nextAttempt));
            ps.setTimestamp(2, Timestamp.from(nextAttempt));
            ps.setString(3, truncate(error));
            ps.setString(4, transactionUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? State.valueOf(rs.getString(1)) : State.FAILED;
            }
        }
    }

    /**
     * A repeated request of a finished transaction: its stored result is to be reported again (same
     * answer, never recomputed). False when the transaction is still under way.
     */
    public boolean rearm(String transactionUid, Duration deadline) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE commitment_transaction SET state = 'COMPUTED',"
                     + " attempts = 0, last_error = NULL, deliver_by = now() + make_interval(secs => ?),"
                     + " next_attempt_at = now(), delivered_at = NULL, delivered_on = NULL, updated_at = now()"
                     + " WHERE transaction_uid = ? AND state IN ('DELIVERED', 'FAILED')")) {
            ps.setDouble(1, deadline.toMillis() / 1000.0);
            ps.setString(2, transactionUid);
            return ps.executeUpdate() == 1;
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        String result = rs.getString(5);
        Timestamp by = rs.getTimestamp(8);
        return new Row(rs.getString(1), rs.getString(2), State.valueOf(rs.getString(3)),
                decode(rs.getString(4), CommitmentRequest.class),
                result == null ? null : decode(result, CommitmentResult.class), rs.getInt(6), rs.getString(7),
                by == null ? null : by.toInstant());
    }

    private static <T> T decode(String json, Class<T> type) throws SQLException {
        try {
            return CommitmentCodec.decode(json, type);
        } catch (IOException e) {
            throw new SQLException("unreadable commitment_transaction JSON: " + e.getMessage(), e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 512 ? s : s.substring(0, 512);
    }
}
