package dev.cloudpacs.common.worker;

import java.time.Duration;

/** What a running {@link Worker} session may ask of the {@link Workers} that runs it. */
public interface WorkerContext {
    /** True once the application is shutting down: finish the work in hand and return. */
    boolean stopping();

    /** The session works (connected, a batch done): resets the backoff and ends an outage. */
    void healthy();

    /**
     * Waits {@code time}, or less when the worker is stopped meanwhile.
     *
     * @return false when the worker is stopping
     */
    boolean pause(Duration time);
}
