package dev.cloudpacs.ingest.service;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.worker.PlatformThreads;
import dev.cloudpacs.contracts.events.EventTypes;
import dev.cloudpacs.contracts.events.InstanceStored;
import dev.cloudpacs.common.index.IndexWriter;
import dev.cloudpacs.common.index.IndexedInstance;
import dev.cloudpacs.common.outbox.OutboxWriter;
import dev.cloudpacs.common.storage.ObjectStorage;
import dev.cloudpacs.common.storage.StorageKeys;
import dev.cloudpacs.common.storage.StorageWriter;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.json.DicomJsonWriter;
import dev.cloudpacs.dicom.net.dimse.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The ingest pipeline shared by C-STORE and STOW-RS: the object streams into storage as it arrives,
 * its header is parsed from there, then it is made durable under its key, and the index rows and the
 * event are committed in one transaction. Only then is success reported; any failure reports the
 * standard status and leaves nothing visible.
 */
@ApplicationScoped
public class IngestService {
    private static final Logger LOG = Logger.getLogger(IngestService.class);

    /** The outcome of storing one object. */
    public record Outcome(int status, String sopClassUid, String sopInstanceUid, String studyInstanceUid,
                          String comment) {
        /** Plain success. */
        public boolean success() {
            return status == Status.SUCCESS;
        }

        /** Stored and indexed: success, or a warning (PS3.4 B.2.3: Bxxx completes the operation). */
        public boolean stored() {
            return status == Status.SUCCESS || (status & 0xF000) == 0xB000;
        }
    }

    private final ObjectStorage storage;
    private final IndexWriter index;
    private final OutboxWriter outbox;
    private final PacsConfig config;
    private final Counter instances;
    private final Counter bytes;
    private final Counter failures;
    private final Timer latency;
    private final java.util.concurrent.Executor sync;

    public IngestService(ObjectStorage storage, IndexWriter index, OutboxWriter outbox, PacsConfig config,
                         MeterRegistry meters, PlatformThreads threads) {
        // The storage commit (fsync) blocks in the kernel: on a virtual thread that pins its carrier and makes
        // the ForkJoinPool add one to compensate, each time. Platform threads, reused, one per store at most.
        this.sync = threads.pool("storage-sync");
        this.storage = storage;
        this.index = index;
        this.outbox = outbox;
        this.config = config;
        this.instances = meters.counter("pacs_instances_stored_total");
        this.bytes = meters.counter("pacs_stored_bytes_total");
        this.failures = meters.counter("pacs_store_failures_total");
        this.latency = Timer.builder("pacs_store_duration").publishPercentileHistogram().register(meters);
    }

    /** Starts an object of unknown identity (STOW-RS); the caller streams into {@link StorageWriter#stream()}. */
    public StorageWriter begin() throws IOException {
        return storage.begin();
    }

    /** Starts the object a C-STORE names (its UID is checked before the data set arrives). */
    public StorageWriter begin(String sopInstanceUid) throws IOException {
        StorageKeys.instanceKey(sopInstanceUid);
        return storage.begin();
    }

    /** For a bare data set (C-STORE): writes the meta header the stored Part 10 file starts with. */
    public void writeMetaHeader(StorageWriter w, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                                String sourceAe) throws IOException {
        DataSet meta = DicomWriter.createFileMeta(sopClassUid, sopInstanceUid, transferSyntaxUid);
        if (sourceAe != null && !sourceAe.isBlank()) {
            meta.setString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAe);
        }
        DicomWriter.writeFileMetaHeader(w.stream(), meta);
    }

    /**
     * Finishes an object whose bytes are all written: validates, stores durably, indexes and queues the
     * event. {@code expectedClass}/{@code expectedInstance} are the C-STORE request's UIDs (null for STOW),
     * {@code expectedStudy} the study a STOW-RS request names in its path (else null). A failure leaves
     * nothing behind: the object is taken back unless another store put its own there meanwhile.
     */
    public Outcome finish(StorageWriter w, String expectedClass, String expectedInstance, String expectedStudy,
                          String callingAe, String calledAe, long startNanos) {
        Outcome o = null;
        try {
            o = store(w, expectedClass, expectedInstance, expectedStudy, callingAe, calledAe);
            if (o.stored()) {
                instances.increment();
                bytes.increment(w.size());
                latency.record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            } else {
                failures.increment();
                LOG.infof("store from %s refused: %04X %s", callingAe, o.status(), o.comment());
            }
            return o;
        } finally {
            if (o == null || !o.stored()) {
                w.retract();
            }
            w.abort();
        }
    }

    private Outcome store(StorageWriter w, String expectedClass, String expectedInstance, String expectedStudy,
                          String callingAe, String calledAe) {
        DataSet ds;
        String ts;
        try {
            w.stream().flush();
            DicomFile df = DicomReader.read(w.tempFile(), ReadOptions.DEFAULT);
            ds = df.dataSet();
            ts = df.transferSyntax().uid();
        } catch (IOException e) {
            return fail(Status.CANNOT_UNDERSTAND, expectedClass, expectedInstance, null,
                    "cannot parse the data set: " + e.getMessage());
        }
        String cuid = ds.getString(Tag.SOPClassUID);
        String iuid = ds.getString(Tag.SOPInstanceUID);
        if (cuid == null || iuid == null) {
            return fail(Status.CANNOT_UNDERSTAND, expectedClass, expectedInstance, null,
                    "the data set has no " + (cuid == null ? "SOP Class UID (0008,0016)" : "SOP Instance UID (0008,0018)"));
        }
        if (expectedClass != null && !expectedClass.equals(cuid)) {
            return fail(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, expectedClass, expectedInstance, null,
                    "the data set's SOP Class UID " + cuid + " does not match the request's " + expectedClass);
        }
        if (expectedInstance != null && !expectedInstance.equals(iuid)) {
            return fail(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, expectedClass, expectedInstance, null,
                    "the data set's SOP Instance UID " + iuid + " does not match the request's " + expectedInstance);
        }
        String study = ds.getString(Tag.StudyInstanceUID);
        if (expectedStudy != null && !expectedStudy.equals(study)) {
            // PS3.18 10.5.1: an instance of another study than the target resource is not stored.
            return fail(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, cuid, iuid, study,
                    "instance belongs to study " + study + ", not " + expectedStudy);
        }
        String sha = w.sha256();
        IndexedInstance row;
        String key;
        try {
            key = StorageKeys.instanceKey(iuid);
            StorageKeys.require(cuid, "SOP Class UID");
            row = IndexedInstance.from(ds, ts, key, w.size(), sha, callingAe, calledAe, headerJson(ds));
        } catch (StorageKeys.InvalidUidException e) {
            return fail(Status.CANNOT_UNDERSTAND, cuid, iuid, null, e.getMessage());
        }
        if (config.storage().duplicatePolicy() == PacsConfig.DuplicatePolicy.KEEP) {
            try {
                if (index.storageKeyOf(iuid) != null) {
                    return new Outcome(Status.SUCCESS, cuid, iuid, row.studyUid(), "already stored; kept the first copy");
                }
            } catch (SQLException | RuntimeException e) {
                return indexFailure(e, cuid, iuid, row.studyUid());
            }
        }
        // The object becomes durable while the index statements run; the index commits only after it is.
        CompletableFuture<Void> durable = CompletableFuture.runAsync(() -> {
            try {
                w.commit(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, sync);
        IndexWriter.Result r;
        try {
            r = index.record(row, outbox.prepare(config.events().instanceStoredTopic(), row.studyUid(),
                    EventTypes.INSTANCE_STORED, row.sopInstanceUid(), event(row, ds, false)), durable::join);
        } catch (SQLException | RuntimeException e) {
            Throwable storageFailure = storageFailure(durable);
            if (storageFailure != null) {
                return fail(Status.OUT_OF_RESOURCES, cuid, iuid, row.studyUid(),
                        "cannot write to storage: " + rootMessage(storageFailure));
            }
            // Not indexed means not stored: finish() takes a new object back.
            return indexFailure(e, cuid, iuid, row.studyUid());
        }
        if (r.previousStorageKey() != null && !r.previousStorageKey().equals(key)) {
            try {
                storage.delete(r.previousStorageKey());
            } catch (IOException e) {
                LOG.warnf("could not remove replaced object %s: %s", r.previousStorageKey(), e.getMessage());
            }
        }
        if (!row.adjusted().isEmpty()) {
            // PS3.4 B.2.3 B007: stored, but the data set does not conform (a value beyond its VR's length).
            String what = String.join("; ", row.adjusted());
            LOG.infof("stored %s from %s with index keys adjusted: %s", iuid, callingAe, what);
            return new Outcome(Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING, cuid, iuid, row.studyUid(),
                    "stored as sent; " + what);
        }
        return new Outcome(Status.SUCCESS, cuid, iuid, row.studyUid(), r.replaced() ? "replaced" : null);
    }

    /**
     * A failed index statement. Values the index cannot take (SQLSTATE class 22, data exception; 23,
     * integrity) will fail again on every retry, so they are C000, not A700 ("retry later"); everything
     * else is the database being unavailable. The database's own text goes to the log only.
     */
    private static Outcome indexFailure(Throwable e, String cuid, String iuid, String study) {
        String state = sqlState(e);
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            LOG.warnf("cannot index %s: SQLSTATE %s %s", iuid, state, rootMessage(e));
            return fail(Status.CANNOT_UNDERSTAND, cuid, iuid, study,
                    "a value of the data set cannot be indexed (SQLSTATE " + state + ")");
        }
        LOG.warnf("index unavailable storing %s: %s", iuid, rootMessage(e));
        return fail(Status.OUT_OF_RESOURCES, cuid, iuid, study, "index unavailable, try again later");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /** The storage commit's failure, once it has finished; null when it succeeded or is still running. */
    private static Throwable storageFailure(CompletableFuture<Void> durable) {
        try {
            durable.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }

    private InstanceStored event(IndexedInstance i, DataSet ds, boolean replaced) {
        return new InstanceStored(i.studyUid(), i.seriesUid(), i.sopInstanceUid(), i.sopClassUid(), i.transferSyntaxUid(),
                i.size(), i.sha256(), i.storageKey(), i.sourceAe(), i.calledAe(), OffsetDateTime.now().toString(),
                new InstanceStored.Patient(i.patientId(), emptyToNull(i.issuerOfPatientId()), i.patientName()),
                new InstanceStored.Study(ds.getString(Tag.StudyDate), ds.getString(Tag.StudyTime), i.accessionNumber(),
                        i.studyId(), i.studyDescription()),
                new InstanceStored.Series(i.modality(), i.seriesNumber(), i.seriesDescription()), replaced,
                config.events().includeHeader() ? i.headerJson() : null);
    }

    private static String headerJson(DataSet ds) {
        try {
            return new DicomJsonWriter().includeBulkData(false).maxInlineLength(1024).toJson(ds);
        } catch (IOException e) {
            return "{}";
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Outcome fail(int status, String cuid, String iuid, String study, String comment) {
        return new Outcome(status, cuid, iuid, study, comment);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
