package dev.cloudpacs.ingest.service;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.storage.ObjectStorage;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps storage and index in step after crashes, in bounded steps (one every
 * {@code pacs.storage.reconcile-interval}, from start-up on): a pass walks every storage partition and
 * removes objects that have no index row and are older than {@code pacs.storage.orphan-grace} (a
 * store killed between its object and its commit), then walks the instance rows and reports those
 * whose object is missing (log, {@code pacs_storage_missing_objects}, {@code GET /admin/storage}).
 * Removal re-checks the row once the object is out of the way ({@link ObjectStorage#removeIfUnchanged}),
 * so an object stored again meanwhile is never taken. A PostgreSQL advisory lock lets one replica step
 * at a time.
 */
@ApplicationScoped
public class StorageReconciler {
    private static final Logger LOG = Logger.getLogger(StorageReconciler.class);
    /** Advisory lock key: "reconcile" in ASCII, so it is recognisable in pg_locks. */
    private static final long LOCK = 0x7265636f6e63696cL;
    private static final int ROWS_PER_STEP = 2_000;
    private static final int MISSING_LISTED = 100;

    /** What the last complete pass found, and how far the current one is. */
    public record Report(Instant lastPassEnded, long objectsChecked, long orphansRemoved, long rowsChecked,
                         long missingObjects, List<String> missingSample, String currentPhase, int partitionsDone,
                         int partitionsTotal) {
    }

    private final ObjectStorage storage;
    private final AgroalDataSource dataSource;
    private final PacsConfig config;
    private final Counter orphans;
    private volatile Report last = new Report(null, 0, 0, 0, 0, List.of(), "objects", 0, 0);

    // The pass in progress (only the scheduler thread touches these).
    private List<String> partitions;
    private int nextPartition;
    private long lastPk;
    private boolean rowsPhase;
    private long objectsChecked;
    private long orphansRemoved;
    private long rowsChecked;
    private long missing;
    private int warned;
    /** The most recently indexed rows whose object is missing, this pass (newest losses matter most). */
    private ArrayDeque<String> missingSample = new ArrayDeque<>();
    /** Last pass's sample: a row already reported is not warned about again on every pass. */
    private Set<String> reported = Set.of();
    private volatile long missingLastPass;
    private String lastFailure;

    public StorageReconciler(ObjectStorage storage, AgroalDataSource dataSource, PacsConfig config, MeterRegistry meters) {
        this.storage = storage;
        this.dataSource = dataSource;
        this.config = config;
        this.orphans = meters.counter("pacs_storage_orphans_removed_total");
        meters.gauge("pacs_storage_missing_objects", this, r -> r.missingLastPass);
    }

    public Report report() {
        return last;
    }

    @Scheduled(every = "${pacs.storage.reconcile-interval:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void step() {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c)) {
                return;
            }
            try {
                if (rowsPhase) {
                    rowsStep(c);
                } else {
                    objectsStep(c);
                }
            } finally {
                unlock(c);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!why.equals(lastFailure)) {
                LOG.warnf("storage reconcile step failed (tried again next step): %s", why);
            }
            lastFailure = why;
            return;
        }
        lastFailure = null;
    }

    private void objectsStep(Connection c) throws IOException, SQLException {
        Instant grace = Instant.now().minus(config.storage().orphanGrace());
        if (partitions == null) {
            storage.removeStaleWork(grace);
            partitions = storage.partitions();
            nextPartition = 0;
        }
        int end = Math.min(partitions.size(), nextPartition + Math.max(1, config.storage().reconcileBatch()));
        for (; nextPartition < end; nextPartition++) {
            List<ObjectStorage.Listed> objects = storage.list(partitions.get(nextPartition));
            objectsChecked += objects.size();
            List<String> uids = new ArrayList<>();
            for (ObjectStorage.Listed o : objects) {
                uids.add(uidOf(o.key()));
            }
            Set<String> indexed = indexed(c, uids);
            for (ObjectStorage.Listed o : objects) {
                String uid = uidOf(o.key());
                if (indexed.contains(uid) || !o.modified().isBefore(grace)) {
                    continue;
                }
                boolean removed = storage.removeIfUnchanged(o, () -> {
                    try {
                        return indexed(c, List.of(uid)).isEmpty();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                if (removed) {
                    orphansRemoved++;
                    orphans.increment();
                    LOG.infof("removed %s (%d bytes, last written %s): no index row", o.key(), o.size(), o.modified());
                }
            }
        }
        publish("objects");
        if (nextPartition >= partitions.size()) {
            rowsPhase = true;
            lastPk = 0;
        }
    }

    private void rowsStep(Connection c) throws SQLException, IOException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pk, storage_key FROM instance WHERE pk > ? ORDER BY pk LIMIT " + ROWS_PER_STEP)) {
            ps.setLong(1, lastPk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    lastPk = rs.getLong(1);
                    String key = rs.getString(2);
                    if (!storage.exists(key)) {
                        missing++;
                        if (missingSample.size() == MISSING_LISTED) {
                            missingSample.removeFirst();
                        }
                        missingSample.addLast(key);
                        if (!reported.contains(key) && warned++ < MISSING_LISTED) {
                            LOG.warnf("instance row %d points at %s, which is missing from storage", lastPk, key);
                        }
                    }
                }
            }
        }
        rowsChecked += n;
        if (n < ROWS_PER_STEP) {
            missingLastPass = missing;
            last = new Report(Instant.now(), objectsChecked, orphansRemoved, rowsChecked, missing,
                    List.copyOf(missingSample.reversed()), "objects", 0, 0);
            if (missing > 0) {
                LOG.warnf("storage reconcile: %d instance rows point at missing objects", missing);
            }
            partitions = null;
            rowsPhase = false;
            objectsChecked = orphansRemoved = rowsChecked = missing = 0;
            warned = 0;
            reported = Set.copyOf(missingSample);
            missingSample = new ArrayDeque<>();
        } else {
            publish("rows");
        }
    }

    private void publish(String phase) {
        Report r = last;
        last = new Report(r.lastPassEnded(), r.objectsChecked(), r.orphansRemoved(), r.rowsChecked(),
                r.missingObjects(), r.missingSample(), phase, partitions == null ? 0 : nextPartition,
                partitions == null ? 0 : partitions.size());
    }

    private static Set<String> indexed(Connection c, List<String> uids) throws SQLException {
        Set<String> out = new HashSet<>();
        if (uids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sop_instance_uid FROM instance WHERE sop_instance_uid = ANY(?)")) {
            Array a = c.createArrayOf("varchar", uids.toArray());
            ps.setArray(1, a);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** {@code hh/hh/<uid>.dcm} -> uid (keys are validated by the storage's listing). */
    private static String uidOf(String key) {
        return key.substring(6, key.length() - 4);
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, LOCK);
            ps.execute();
        }
    }
}
