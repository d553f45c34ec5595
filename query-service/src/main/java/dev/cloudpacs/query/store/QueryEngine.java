package dev.cloudpacs.query.store;

import dev.cloudpacs.dicom.net.query.HeaderMatcher;
import dev.cloudpacs.dicom.net.query.IdentifierParser;
import dev.cloudpacs.dicom.net.query.Query;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.json.DicomJsonReader;
import dev.cloudpacs.dicom.net.dimse.Status;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs queries over the shared index and hands each match to a sink as a response identifier. Rows
 * stream through a database cursor a page at a time ({@code pacs.query.fetch-size}), so a query
 * matching every instance of the archive holds one page in memory, and a sink that stops (C-CANCEL,
 * a closed connection) ends the query.
 */
@ApplicationScoped
public class QueryEngine {
    /** Receives matches; returning false stops the query. */
    @FunctionalInterface
    public interface MatchSink {
        boolean accept(DataSet match) throws IOException;
    }

    private final AgroalDataSource dataSource;
    private final PacsConfig config;

    public QueryEngine(AgroalDataSource dataSource, PacsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** A parser configured as this archive matches (case-insensitive names by default). */
    public IdentifierParser parser() {
        return new IdentifierParser(config.query().caseInsensitiveNames());
    }

    /**
     * Streams every match of {@code q} to {@code sink}, in index order when {@code offset} or
     * {@code limit} asks for a window (0 = none).
     *
     * @return the number of matches handed to the sink
     */
    public int find(Query q, int offset, int limit, MatchSink sink) throws QueryException, SQLException, IOException {
        QuerySql s = QuerySql.of(q, offset, limit);
        int skip = s.windowInSql ? 0 : offset;
        int sent = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(s.sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(config.query().fetchSize());
                bind(ps, s.params);
                try (ResultSet rs = ps.executeQuery()) {
                    DicomJsonReader json = new DicomJsonReader();
                    while (rs.next()) {
                        Map<IndexAttribute, Object> row = new EnumMap<>(IndexAttribute.class);
                        int col = 2;
                        for (IndexAttribute a : s.selected) {
                            row.put(a, value(rs, col++, a));
                        }
                        DataSet header = null;
                        if (s.header) {
                            String h = rs.getString(col);
                            header = h == null ? null : json.readDataSet(h);
                        }
                        if (!s.headerKeys.isEmpty() && !HeaderMatcher.matches(s.headerKeys, header, q.ignoreCaseNames())) {
                            continue;
                        }
                        if (skip > 0) {
                            skip--;
                            continue;
                        }
                        if (!sink.accept(ResponseBuilder.build(q, row, header, config.aeTitle()))) {
                            break;
                        }
                        sent++;
                        if (limit > 0 && sent >= limit) {
                            break;
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        }
        return sent;
    }

    private static Object value(ResultSet rs, int col, IndexAttribute a) throws SQLException {
        return switch (a.type) {
            case DATE -> rs.getObject(col, LocalDate.class);
            case TIME -> rs.getObject(col, LocalTime.class);
            case INTEGER, COUNT -> {
                long v = rs.getLong(col);
                yield rs.wasNull() ? null : v;
            }
            default -> rs.getString(col);
        };
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int k = 1;
        for (Object p : params) {
            switch (p) {
                case LocalDate d -> ps.setObject(k++, d, Types.DATE);
                case LocalTime t -> ps.setObject(k++, t, Types.TIME);
                case LocalDateTime t -> ps.setObject(k++, t, Types.TIMESTAMP);
                case Integer i -> ps.setInt(k++, i);
                case Long l -> ps.setLong(k++, l);
                default -> ps.setString(k++, p.toString());
            }
        }
    }

    /** Maps an index failure to the C-FIND status a requester gets. */
    public static QueryException unavailable(SQLException e) {
        // The database's words go to the log, not to the requester.
        org.jboss.logging.Logger.getLogger(QueryEngine.class).warnf("index unavailable: %s", e.getMessage());
        return new QueryException(Status.OUT_OF_RESOURCES, "index unavailable, try again later");
    }
}
