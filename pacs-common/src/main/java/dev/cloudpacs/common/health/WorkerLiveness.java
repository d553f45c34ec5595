package dev.cloudpacs.common.health;

import dev.cloudpacs.common.worker.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.util.Map;

/**
 * The service's background workers, each with its state. Down only when a worker's thread has died: a
 * worker that retries (Kafka or the database away) is alive and recovers by itself, and restarting the
 * pod would not bring Kafka back.
 */
@Liveness
@ApplicationScoped
public class WorkerLiveness implements HealthCheck {
    private final Workers workers;

    public WorkerLiveness(Workers workers) {
        this.workers = workers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("workers").status(workers.dead().isEmpty());
        for (Map.Entry<String, String> e : workers.states().entrySet()) {
            b.withData(e.getKey(), e.getValue());
        }
        return b.build();
    }
}
