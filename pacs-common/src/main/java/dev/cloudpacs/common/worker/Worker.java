package dev.cloudpacs.common.worker;

/**
 * A background loop of a service (the outbox relay, a Kafka consumer, a delivery queue). A worker bean is
 * started by {@link Workers} once the application has started and stopped before it shuts down; the
 * worker itself only says what one session does. A session that fails is retried after the shared
 * {@link Backoff}, with one warning per outage and one line when it works again.
 */
public interface Worker {
    /** The worker's name in thread names, logs, metrics ({@code worker} tag) and the liveness check. */
    String name();

    /** Whether this service runs the worker (configuration); asked once, at start. */
    default boolean enabled() {
        return true;
    }

    /**
     * One session: connects what it needs and works until {@link WorkerContext#stopping()}, calling
     * {@link WorkerContext#healthy()} whenever it has shown that it works. Returning or throwing ends the
     * session; unless the worker is stopping, the next one starts after the backoff.
     */
    void run(WorkerContext context) throws Exception;

    /** Called on another thread when stopping, to unblock a session waiting in a client (a Kafka poll). */
    default void wake() {
    }

    /** Called once after the last session has ended: closes the worker's clients. */
    default void close() {
    }
}
