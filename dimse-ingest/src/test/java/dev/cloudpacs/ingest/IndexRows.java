package dev.cloudpacs.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the index holds, read with plain SQL, as an operator would look: for the tests' assertions. */
final class IndexRows {
    /** The columns of an instance row the tests look at. */
    record InstanceRow(String storageKey, long sizeBytes, String checksumSha256, String sourceAe, String header) {
    }

    private IndexRows() {
    }

    /** The instance row of a SOP Instance UID, or null when there is none. */
    static InstanceRow instance(String sopInstanceUid) throws SQLException {
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT storage_key, size_bytes, checksum_sha256, source_ae,"
                     + " header::text FROM instance WHERE sop_instance_uid = ?")) {
            ps.setString(1, sopInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new InstanceRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)) : null;
            }
        }
    }

    /** The single number {@code sql} selects, its {@code ?} bound to {@code parameters}. */
    static long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = prepare(c, sql, parameters);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs an update (in its own transaction); returns the rows changed. */
    static int update(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = prepare(c, sql, parameters)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
        return ps;
    }

    private static AgroalDataSource dataSource() {
        return Arc.container().instance(AgroalDataSource.class).get();
    }
}
