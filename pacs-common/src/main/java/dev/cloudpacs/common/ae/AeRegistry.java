package dev.cloudpacs.common.ae;

import dev.cloudpacs.common.config.PacsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The known remote AEs (table {@code application_entity}). What the flags of an entry mean:
 * <ul>
 *   <li>{@code mayStore}: may send us objects (C-STORE) as calling AE;</li>
 *   <li>{@code mayQuery}: may query us (C-FIND) as calling AE;</li>
 *   <li>{@code mayRetrieve}: may retrieve from us: request C-MOVE and C-GET as calling AE, and be named
 *       as a C-MOVE destination (we connect to its host and port).</li>
 * </ul>
 * The front door refuses a registered calling AE what its flags do not allow. With
 * {@code pacs.dimse.check-calling-ae=true} (the production default) it accepts associations only from
 * registered calling AE titles ({@link #isKnown}).
 */
@ApplicationScoped
public class AeRegistry {
    /** An entry (or its absence) as read at {@code readAt} (System.nanoTime). */
    private record Cached(Optional<ApplicationEntity> entry, long readAt) {
    }

    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public AeRegistry(PacsConfig config) {
        this.ttlNanos = config.registry().aeCacheTtl().toNanos();
    }

    /**
     * The entry for an AE title as the DIMSE paths see it: read at most {@code pacs.registry.ae-cache-ttl}
     * ago (a read costs about a millisecond, paid on every association and C-MOVE otherwise). The
     * entity returned is shared: read it, do not change it.
     */
    public Optional<ApplicationEntity> lookup(String aeTitle) {
        if (ttlNanos <= 0) {
            return findRetryingOnce(aeTitle);
        }
        long now = System.nanoTime();
        Cached c = cache.get(aeTitle);
        if (c == null || now - c.readAt() >= ttlNanos) {
            c = new Cached(findRetryingOnce(aeTitle), now);
            if (cache.size() > 10_000) {
                cache.clear(); // titles that callers make up must not grow the map without bound
            }
            cache.put(aeTitle, c);
        }
        return c.entry();
    }

    /**
     * {@link #find}, once more on a fresh connection when the pooled one turned out dead (the database
     * restarted: SQLSTATE class 08, or 57P01-57P03 for a server that shut down): a read is safe to repeat.
     */
    private Optional<ApplicationEntity> findRetryingOnce(String aeTitle) {
        try {
            return find(aeTitle);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                    return find(aeTitle);
                }
            }
            throw e;
        }
    }

    /**
     * The entry for an AE title (exactly as stored: without leading/trailing spaces), if any. Callable
     * from any thread: the front door asks from its DIMSE threads, where neither a transaction nor a
     * request context is active, and Hibernate needs one of them.
     */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ApplicationEntity> find(String aeTitle) {
        return ApplicationEntity.findByIdOptional(aeTitle);
    }

    /** True when the AE is registered (any permission), as {@link #lookup} sees it. */
    public boolean isKnown(String aeTitle) {
        return aeTitle != null && lookup(aeTitle).isPresent();
    }

    /**
     * True when the AE is registered and {@code from} is its registered host (the name resolved, any of
     * its addresses): a title alone is easy to borrow, so an AE registered at 10.9.9.9 is not let in
     * from elsewhere. A name that does not resolve matches nothing.
     */
    public boolean isKnownFrom(String aeTitle, java.net.InetAddress from) {
        if (aeTitle == null || from == null) {
            return false;
        }
        return lookup(aeTitle).map(ae -> {
            try {
                for (java.net.InetAddress a : java.net.InetAddress.getAllByName(ae.host)) {
                    if (a.equals(from)) {
                        return true;
                    }
                }
                return false;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }).orElse(false);
    }

    /** Every registered AE, sorted by AE title (character code order, not the database's collation). */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApplicationEntity> list() {
        List<ApplicationEntity> all = ApplicationEntity.listAll();
        all.sort(Comparator.comparing(ae -> ae.aeTitle));
        return all;
    }

    /**
     * Creates or replaces the entry for {@code ae.aeTitle} with every field of {@code ae}. Validates
     * first ({@link AeRules#check}, which normalizes the title) and sets {@code ae.updatedAt}.
     *
     * @return true when the entry was created, false when an existing one was replaced
     * @throws InvalidAeException when a field breaks a rule; nothing is written then
     */
    @Transactional
    public boolean put(ApplicationEntity ae) {
        AeRules.check(ae);
        cache.remove(ae.aeTitle);
        // Microseconds: what TIMESTAMPTZ keeps, so the returned entity equals what a later read gives.
        ae.updatedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        // One atomic upsert, so two concurrent creators cannot collide on the primary key.
        // xmax is 0 only on a freshly inserted row version: that tells creation from replacement.
        Object inserted = ApplicationEntity.getEntityManager().createNativeQuery(
                        "INSERT INTO application_entity (ae_title, host, port, tls, may_store, may_query, may_retrieve,"
                                + " description, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                                + " ON CONFLICT (ae_title) DO UPDATE SET host = EXCLUDED.host, port = EXCLUDED.port,"
                                + " tls = EXCLUDED.tls, may_store = EXCLUDED.may_store, may_query = EXCLUDED.may_query,"
                                + " may_retrieve = EXCLUDED.may_retrieve, description = EXCLUDED.description,"
                                + " updated_at = EXCLUDED.updated_at"
                                + " RETURNING (xmax = 0)")
                .setParameter(1, ae.aeTitle)
                .setParameter(2, ae.host)
                .setParameter(3, ae.port)
                .setParameter(4, ae.tls)
                .setParameter(5, ae.mayStore)
                .setParameter(6, ae.mayQuery)
                .setParameter(7, ae.mayRetrieve)
                .setParameter(8, ae.description)
                .setParameter(9, ae.updatedAt)
                .getSingleResult();
        return Boolean.TRUE.equals(inserted);
    }

    /**
     * Removes the entry for an AE title.
     *
     * @return false when there was none
     */
    @Transactional
    public boolean remove(String aeTitle) {
        cache.remove(aeTitle);
        return ApplicationEntity.deleteById(aeTitle);
    }
}
