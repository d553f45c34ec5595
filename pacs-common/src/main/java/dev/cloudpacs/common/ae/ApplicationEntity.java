package dev.cloudpacs.common.ae;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A known remote application entity: where it listens and what it may do. */
@Entity
@Table(name = "application_entity")
public class ApplicationEntity extends PanacheEntityBase {
    @Id
    @Column(name = "ae_title")
    public String aeTitle;
    public String host;
    public int port;
    public boolean tls;
    @Column(name = "may_store")
    public boolean mayStore = true;
    @Column(name = "may_query")
    public boolean mayQuery = true;
    @Column(name = "may_retrieve")
    public boolean mayRetrieve = true;
    public String description;
}
