package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.common.ae.ApplicationEntity;

import java.util.function.Predicate;

/**
 * The operations the front door guards ({@link DimseAccess}), each with the AE registry flag a registered
 * calling AE needs and the identity provider's role an authenticated user needs.
 */
public enum AePermission {
    /** C-STORE: may send us objects. */
    STORE("store objects", "mayStore", ae -> ae.mayStore, "store"),
    /** C-FIND: may query us. */
    QUERY("query", "mayQuery", ae -> ae.mayQuery, "read"),
    /** C-MOVE and C-GET as requester: may retrieve from us. */
    RETRIEVE("retrieve", "mayRetrieve", ae -> ae.mayRetrieve, "read");

    final String action;
    final String flag;
    final Predicate<ApplicationEntity> granted;
    /** The HTTP policy whose role this needs ({@code quarkus.http.auth.policy.NAME.roles-allowed}). */
    final String policy;

    AePermission(String action, String flag, Predicate<ApplicationEntity> granted, String policy) {
        this.action = action;
        this.flag = flag;
        this.granted = granted;
        this.policy = policy;
    }
}
