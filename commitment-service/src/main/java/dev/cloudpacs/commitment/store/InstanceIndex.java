package dev.cloudpacs.commitment.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Looks referenced instances up in the {@code instance} table, a chunk of UIDs per round trip. */
@ApplicationScoped
public class InstanceIndex {
    private static final int CHUNK = 1000;

    private final AgroalDataSource dataSource;

    public InstanceIndex(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The indexed instances among {@code sopInstanceUids}, by SOP Instance UID (absent ones are missing). */
    public Map<String, IndexedObject> find(Collection<String> sopInstanceUids) throws SQLException {
        Map<String, IndexedObject> out = new HashMap<>();
        List<String> all = List.copyOf(sopInstanceUids);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sop_instance_uid, sop_class_uid, storage_key,"
                     + " size_bytes, checksum_sha256 FROM instance WHERE sop_instance_uid = ANY (?)")) {
            for (int i = 0; i < all.size(); i += CHUNK) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
                ps.setArray(1, c.createArrayOf("varchar", chunk.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new IndexedObject(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getLong(4), rs.getString(5).trim()));
                    }
                }
            }
        }
        return out;
    }
}
