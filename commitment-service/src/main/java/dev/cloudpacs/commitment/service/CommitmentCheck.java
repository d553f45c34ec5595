package dev.cloudpacs.commitment.service;

import dev.cloudpacs.commitment.store.IndexedObject;
import dev.cloudpacs.commitment.store.InstanceIndex;
import dev.cloudpacs.commitment.store.StoredObjectCheck;
import dev.cloudpacs.contracts.commitment.CommitmentRequest;
import dev.cloudpacs.contracts.commitment.CommitmentResult;
import dev.cloudpacs.contracts.commitment.FailedReference;
import dev.cloudpacs.contracts.commitment.Reference;
import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.dicom.net.dimse.Status;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, per referenced instance, whether the archive commits to it (PS3.4 J.3.3.1.1): indexed with
 * the referenced SOP class (else Failure Reason 0119), its object present (else 0112) and intact (its
 * SHA-256 as stored, else 0110). Instances not indexed yet (still in flight) are looked for again until
 * the in-flight window has passed; then they fail with 0112.
 */
@ApplicationScoped
public class CommitmentCheck {
    private static final Logger LOG = Logger.getLogger(CommitmentCheck.class);
    private static final long POLL_MILLIS = 250;
    /** Verdict of a committed instance. */
    private static final int COMMITTED = 0;

    private final PacsConfig config;
    private final InstanceIndex index;
    private final StoredObjectCheck objects;

    public CommitmentCheck(PacsConfig config, InstanceIndex index, StoredObjectCheck objects) {
        this.config = config;
        this.index = index;
        this.objects = objects;
    }

    /** The result of {@code rq}; waits at most the in-flight window for instances not stored yet. */
    public CommitmentResult check(CommitmentRequest rq) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + config.commitment().inFlightWindow().toNanos();
        Map<String, Integer> verdicts = new ConcurrentHashMap<>();
        Map<String, String> classes = new ConcurrentHashMap<>();
        Set<String> pending = new LinkedHashSet<>();
        for (Reference r : rq.references()) {
            pending.add(r.sopInstanceUid());
            classes.putIfAbsent(r.sopInstanceUid(), r.sopClassUid());
        }
        while (true) {
            Map<String, IndexedObject> found = index.find(pending);
            found.values().parallelStream().forEach(o -> verdicts.put(o.sopInstanceUid(),
                    verdict(o, classes.get(o.sopInstanceUid()))));
            pending.removeAll(found.keySet());
            if (pending.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        List<Reference> committed = new ArrayList<>();
        List<FailedReference> failed = new ArrayList<>();
        for (Reference r : rq.references()) {
            int v = verdicts.getOrDefault(r.sopInstanceUid(), Status.NO_SUCH_OBJECT_INSTANCE);
            if (v == COMMITTED && !r.sopClassUid().equals(classes.get(r.sopInstanceUid()))) {
                v = Status.CLASS_INSTANCE_CONFLICT; // the same instance referenced again with another class
            }
            if (v == COMMITTED) {
                committed.add(r);
            } else {
                failed.add(new FailedReference(r.sopClassUid(), r.sopInstanceUid(), v));
            }
        }
        return new CommitmentResult(rq.transactionUid(), committed, failed);
    }

    private int verdict(IndexedObject o, String referencedClass) {
        if (!o.sopClassUid().equals(referencedClass)) {
            return Status.CLASS_INSTANCE_CONFLICT;
        }
        try {
            return switch (objects.check(o)) {
                case INTACT -> COMMITTED;
                case MISSING -> Status.NO_SUCH_OBJECT_INSTANCE;
                case CORRUPT -> {
                    LOG.errorf("stored object %s of instance %s does not match its checksum", o.storageKey(),
                            o.sopInstanceUid());
                    yield Status.PROCESSING_FAILURE;
                }
            };
        } catch (IOException e) {
            LOG.warnf("cannot verify stored object %s: %s", o.storageKey(), e.getMessage());
            return Status.PROCESSING_FAILURE;
        }
    }
}
