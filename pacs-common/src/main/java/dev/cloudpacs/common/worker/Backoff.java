package dev.cloudpacs.common.worker;

import java.time.Duration;

/**
 * Exponential backoff between attempts (a worker's sessions, a delivery's retries): {@code initial},
 * doubled per attempt, at most {@code max}.
 */
public record Backoff(Duration initial, Duration max) {
    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration after(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
