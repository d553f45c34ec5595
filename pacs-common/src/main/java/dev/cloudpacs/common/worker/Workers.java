package dev.cloudpacs.common.worker;

import dev.cloudpacs.common.config.PacsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the service's {@link Worker}s: every worker bean once the application has started, and the workers
 * a bean hands over itself ({@link #start(Worker)}); each on a platform thread of its own (a worker blocks
 * in a client most of the time), its failed sessions retried after {@link Backoff} ({@code pacs.workers.*}).
 * On shutdown all are asked to stop at once and given {@code pacs.workers.drain-timeout} together to finish
 * the work in hand. Metrics per worker: {@code pacs_worker_up} (1 while it works) and
 * {@code pacs_worker_failures_total}; the liveness check {@code workers} lists each one's state.
 */
@ApplicationScoped
public class Workers {
    private static final Logger LOG = Logger.getLogger(Workers.class);

    private final Instance<Worker> beans;
    private final MeterRegistry meters;
    private final PacsConfig.Workers config;
    private final Backoff backoff;
    private final List<WorkerThread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    public Workers(@Any Instance<Worker> beans, MeterRegistry meters, PacsConfig config) {
        this.beans = beans;
        this.meters = meters;
        this.config = config.workers();
        this.backoff = new Backoff(this.config.retryInitial(), this.config.retryMax());
    }

    void startBeans(@Observes StartupEvent ev) {
        for (Worker w : beans) {
            if (w.enabled()) {
                start(w);
            }
        }
    }

    /** Starts a worker that is not a bean of its own; it stops with the application. */
    public void start(Worker worker) {
        if (stopped) {
            throw new IllegalStateException("the application is shutting down: " + worker.name() + " not started");
        }
        WorkerThread t = new WorkerThread(worker, backoff);
        Tags tags = Tags.of("worker", t.name());
        meters.gauge("pacs_worker_up", tags, t.up);
        meters.more().counter("pacs_worker_failures_total", tags, t.failures);
        threads.add(t);
        t.start();
    }

    void stopAll(@Observes ShutdownEvent ev) {
        stopped = true;
        threads.forEach(WorkerThread::requestStop);
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        for (WorkerThread t : threads) {
            if (!t.await(deadline)) {
                LOG.warnf("%s did not stop within %d s; left to the JVM's exit", t.name(),
                        config.drainTimeout().toSeconds());
            }
        }
    }

    /** Each worker's state by name ("working", "starting", "retrying after ..."). */
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        for (WorkerThread t : threads) {
            states.put(t.name(), t.died() ? "died" : t.state());
        }
        return states;
    }

    /** Workers whose thread ended without being stopped (an Error escaped them): the pod needs a restart. */
    public List<String> dead() {
        List<String> dead = new ArrayList<>();
        for (WorkerThread t : threads) {
            if (t.died()) {
                dead.add(t.name());
            }
        }
        return dead;
    }
}
