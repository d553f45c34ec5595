package dev.cloudpacs.common.health;

import dev.cloudpacs.common.config.PacsConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness of the index database within a bounded time. Quarkus' own datasource check waits as long
 * as the connection does: against a stalled PostgreSQL (stopped, or a network partition that drops
 * packets) the probe hung instead of answering "down". This one answers within
 * {@code pacs.database.readiness-timeout}; a check still stuck from before counts as down at once, so
 * stuck checks never pile up.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    private final AgroalDataSource dataSource;
    private final long timeoutMillis;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("database-readiness").factory());
    private CompletableFuture<Void> running;

    public DatabaseReadiness(AgroalDataSource dataSource, PacsConfig config) {
        this.dataSource = dataSource;
        this.timeoutMillis = config.database().readinessTimeout().toMillis();
    }

    @Override
    public synchronized HealthCheckResponse call() {
        var down = HealthCheckResponse.named("database").down();
        if (running != null && !running.isDone()) {
            return down.withData("reason", "the previous check is still waiting for the database").build();
        }
        running = CompletableFuture.runAsync(this::check, checker);
        try {
            running.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("database").up().build();
        } catch (TimeoutException e) {
            return down.withData("reason", "no answer within " + timeoutMillis + " ms").build();
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return down.withData("reason", c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down.withData("reason", "interrupted").build();
        }
    }

    private void check() {
        try (Connection c = dataSource.getConnection()) {
            int seconds = (int) Math.max(1, (timeoutMillis + 999) / 1000);
            if (!c.isValid(seconds)) {
                throw new IllegalStateException("the connection is not valid");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }
}
