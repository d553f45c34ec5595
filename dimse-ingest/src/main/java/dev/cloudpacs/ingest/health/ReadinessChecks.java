package dev.cloudpacs.ingest.health;

import dev.cloudpacs.common.storage.ObjectStorage;
import dev.cloudpacs.ingest.dimse.DimseFrontDoor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness beyond the datasource check Quarkus adds: the DIMSE listener is up and the storage root
 * takes writes. Kafka is deliberately not checked: the outbox absorbs its outages.
 */
public final class ReadinessChecks {
    private ReadinessChecks() {
    }

    /** The DIMSE listener is bound. */
    @Readiness
    @ApplicationScoped
    public static class DimseListener implements HealthCheck {
        private final DimseFrontDoor frontDoor;

        public DimseListener(DimseFrontDoor frontDoor) {
            this.frontDoor = frontDoor;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("dimse-listener").status(frontDoor.listening())
                    .withData("port", frontDoor.port()).withData("open-associations", frontDoor.openAssociations()).build();
        }
    }

    /** The storage root is writable. */
    @Readiness
    @ApplicationScoped
    public static class Storage implements HealthCheck {
        private final ObjectStorage storage;

        public Storage(ObjectStorage storage) {
            this.storage = storage;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("storage").status(storage.writable()).build();
        }
    }
}
