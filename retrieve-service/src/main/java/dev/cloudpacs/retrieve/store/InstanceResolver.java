package dev.cloudpacs.retrieve.store;

import dev.cloudpacs.common.retrieve.RetrieveKeys;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the stored instances a retrieve selects, in index order (the order they were stored), so a
 * job that resumes after a crash can skip exactly the ones it already sent.
 */
@ApplicationScoped
public class InstanceResolver {
    private static final String SELECT = "SELECT i.pk, st.study_instance_uid, se.series_instance_uid, i.sop_class_uid,"
            + " i.sop_instance_uid, i.transfer_syntax_uid, i.storage_key, i.size_bytes"
            + " FROM instance i JOIN series se ON i.series_fk = se.pk JOIN study st ON se.study_fk = st.pk";

    private final AgroalDataSource dataSource;

    public InstanceResolver(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every instance the keys select, in index order. */
    public List<StoredInstance> resolve(RetrieveKeys keys) throws SQLException {
        List<StoredInstance> out = new ArrayList<>();
        forEach(keys, out::add);
        return out;
    }

    /** Streams the selected instances through a cursor, so a huge retrieve never sits in memory. */
    public void forEach(RetrieveKeys keys, Consumer<StoredInstance> sink) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT);
        List<List<String>> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (!keys.patientIds().isEmpty()) {
            sql.append(" JOIN patient p ON st.patient_fk = p.pk");
            where.add("p.patient_id = ANY(?)");
            params.add(keys.patientIds());
        }
        add(where, params, "st.study_instance_uid", keys.studyUids());
        add(where, params, "se.series_instance_uid", keys.seriesUids());
        add(where, params, "i.sop_instance_uid", keys.sopInstanceUids());
        if (where.isEmpty()) {
            return; // nothing selected: a retrieve never means "the whole archive"
        }
        sql.append(" WHERE ").append(String.join(" AND ", where)).append(" ORDER BY i.pk");
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor needs a transaction in PostgreSQL
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(500);
                for (int i = 0; i < params.size(); i++) {
                    ps.setArray(i + 1, c.createArrayOf("varchar", params.get(i).toArray()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new StoredInstance(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        }
    }

    private static void add(List<String> where, List<List<String>> params, String column, List<String> values) {
        if (!values.isEmpty()) {
            where.add(column + " = ANY(?)");
            params.add(values);
        }
    }
}
