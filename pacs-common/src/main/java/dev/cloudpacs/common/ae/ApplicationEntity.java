package dev.cloudpacs.common.ae;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * A known remote application entity: where it listens and what it may do. Written through
 * {@link AeRegistry} (which validates with {@link AeRules}), read by the front door's calling-AE
 * allowlist and by retrieve for C-MOVE destinations.
 */
@Entity
@Table(name = "application_entity")
public class ApplicationEntity extends PanacheEntityBase {
    /** The AE title, 1-16 characters of the DICOM default repertoire, stored without leading/trailing spaces. */
    @Id
    @Column(name = "ae_title")
    public String aeTitle;
    /** Host name or IP address where the AE listens (for associations we open to it). */
    public String host;
    /** TCP port where the AE listens, 1-65535. */
    public int port;
    /** Whether associations to this AE use TLS. */
    public boolean tls;
    /** May send us objects (C-STORE, as calling AE). */
    @Column(name = "may_store")
    public boolean mayStore = true;
    /** May query us (C-FIND, as calling AE). */
    @Column(name = "may_query")
    public boolean mayQuery = true;
    /**
     * May retrieve from us: may be a C-MOVE destination (we open an association to {@link #host}:{@link #port}
     * and send to it) and may C-GET.
     */
    @Column(name = "may_retrieve")
    public boolean mayRetrieve = true;
    /** Free text for operators, at most 255 characters; may be null. */
    public String description;
    /** When the entry was last written; set by {@link AeRegistry#put}. */
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
