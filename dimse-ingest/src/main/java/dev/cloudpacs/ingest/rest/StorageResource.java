package dev.cloudpacs.ingest.rest;

import dev.cloudpacs.ingest.service.StorageReconciler;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Admin view of storage against the index: what the reconciler's last pass found, and its progress. */
@Path("/admin/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {
    private final StorageReconciler reconciler;

    public StorageResource(StorageReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @GET
    public StorageReconciler.Report report() {
        return reconciler.report();
    }
}
