package dev.cloudpacs.commitment.health;

import dev.cloudpacs.commitment.service.CommitmentRequestConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once this pod consumes {@code dicom.commitment.requests} (beyond Quarkus' datasource check). */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {
    private final CommitmentRequestConsumer consumer;

    public ConsumerReadiness(CommitmentRequestConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("commitment-requests").status(consumer.running()).build();
    }
}
