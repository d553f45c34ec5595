package dev.cloudpacs.common.worker;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Pools of platform threads for work that must not run on a virtual thread or on a Vert.x worker: an fsync
 * (it pins a virtual thread's carrier), a response written at the client's pace (Quarkus REST only waits
 * for the connection to drain off its own threads). One pool per purpose, threads made on demand and
 * reused, named {@code purpose-N}; the container shuts them down with the application, letting work in
 * hand finish for a few seconds.
 */
@ApplicationScoped
public class PlatformThreads {
    private static final Logger LOG = Logger.getLogger(PlatformThreads.class);
    private static final long DRAIN_SECONDS = 5;

    private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();

    /** The pool for {@code purpose}, made on first use. */
    public ExecutorService pool(String purpose) {
        return pools.computeIfAbsent(purpose,
                p -> Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name(p + "-", 1).factory()));
    }

    void shutdown(@Observes ShutdownEvent ev) {
        pools.values().forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        for (Map.Entry<String, ExecutorService> e : pools.entrySet()) {
            try {
                if (!e.getValue().awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warnf("%s threads still busy at shutdown", e.getKey());
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
