package dev.cloudpacs.ingest.rest;

import dev.cloudpacs.common.ae.ApplicationEntity;

import java.time.OffsetDateTime;

/** The JSON form of an AE registry entry, decoupled from the entity's persistence details. */
public record AeView(String aeTitle, String host, int port, boolean tls, boolean mayStore, boolean mayQuery,
                     boolean mayRetrieve, String description, OffsetDateTime updatedAt) {

    static AeView of(ApplicationEntity ae) {
        return new AeView(ae.aeTitle, ae.host, ae.port, ae.tls, ae.mayStore, ae.mayQuery, ae.mayRetrieve,
                ae.description, ae.updatedAt);
    }
}
