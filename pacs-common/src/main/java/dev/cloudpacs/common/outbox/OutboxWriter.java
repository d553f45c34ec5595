package dev.cloudpacs.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudpacs.common.config.PacsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Adds events to the transactional outbox. Runs inside the caller's transaction (MANDATORY), so an
 * event exists exactly when the index change that caused it was committed.
 */
@ApplicationScoped
public class OutboxWriter {
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final PacsConfig config;

    public OutboxWriter(EntityManager em, ObjectMapper mapper, PacsConfig config) {
        this.em = em;
        this.mapper = mapper;
        this.config = config;
    }

    /** Serialises an event for the outbox without writing it (for writers that insert it themselves). */
    public OutboxEvent prepare(String topic, String key, String type, String subject, Object payload) {
        try {
            return new OutboxEvent(topic, key, UUID.randomUUID(), type, config.events().source(), subject,
                    mapper.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + type, e);
        }
    }

    /** Queues an event; returns its CloudEvents id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID add(String topic, String key, String type, String subject, Object payload) {
        OutboxEvent e = prepare(topic, key, type, subject, payload);
        em.createNativeQuery("INSERT INTO outbox (topic, msg_key, event_id, event_type, event_source, subject, payload)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, e.topic())
                .setParameter(2, e.key())
                .setParameter(3, e.id())
                .setParameter(4, e.type())
                .setParameter(5, e.source())
                .setParameter(6, e.subject())
                .setParameter(7, e.payloadJson())
                .executeUpdate();
        return e.id();
    }
}
