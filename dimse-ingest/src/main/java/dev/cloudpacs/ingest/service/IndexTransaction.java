package dev.cloudpacs.ingest.service;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.events.EventTypes;
import dev.cloudpacs.common.events.InstanceStored;
import dev.cloudpacs.common.index.IndexWriter;
import dev.cloudpacs.common.index.IndexedInstance;
import dev.cloudpacs.common.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The index rows and the outbox event of one stored instance, committed together or not at all. */
@ApplicationScoped
public class IndexTransaction {
    private final IndexWriter index;
    private final OutboxWriter outbox;
    private final PacsConfig config;

    public IndexTransaction(IndexWriter index, OutboxWriter outbox, PacsConfig config) {
        this.index = index;
        this.outbox = outbox;
        this.config = config;
    }

    /** Indexes the instance and queues its event ({@code replaced} is filled in by the index). */
    @Transactional
    public IndexWriter.Result record(IndexedInstance instance, InstanceStored event) {
        return index.upsert(instance, outbox.prepare(config.events().instanceStoredTopic(), instance.studyUid(),
                EventTypes.INSTANCE_STORED, instance.sopInstanceUid(), event));
    }
}
