package dev.cloudpacs.common.worker;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one {@link Worker}'s sessions on a thread of its own until it is stopped. In a service {@link Workers}
 * makes and stops these; a test or tool without a container uses {@link #start()} and {@link #stop}.
 */
public final class WorkerThread implements WorkerContext {
    private static final Logger LOG = Logger.getLogger(Workers.class);

    private final Worker worker;
    private final String name;
    private final Backoff backoff;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    /** 1 while the last session has shown that it works, 0 while it fails (a gauge). */
    final AtomicInteger up = new AtomicInteger();
    /** Failed sessions since the start (a counter). */
    final AtomicLong failures = new AtomicLong();
    private volatile int failedInARow;
    private volatile String lastError;
    private volatile boolean started;

    /** A thread for {@code worker}, its failed sessions retried after {@code backoff}; not started yet. */
    public WorkerThread(Worker worker, Backoff backoff) {
        this.worker = worker;
        this.name = worker.name();
        this.backoff = backoff;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
    }

    String name() {
        return name;
    }

    /** Starts the worker's first session. */
    public void start() {
        started = true;
        thread.start();
    }

    /** Stops the worker and waits for it up to {@code timeout}; false when it is still running then. */
    public boolean stop(Duration timeout) {
        requestStop();
        return await(System.nanoTime() + timeout.toNanos());
    }

    /** Asks the worker to stop and unblocks it; {@link #await} waits for it. */
    void requestStop() {
        stop.countDown();
        try {
            worker.wake();
        } catch (RuntimeException e) {
            LOG.debugf("%s: wake-up on stop: %s", name, e.getMessage());
        }
    }

    /** Waits until the worker's thread has ended, at most until {@code deadlineNanos}; false if it has not. */
    boolean await(long deadlineNanos) {
        try {
            thread.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** True when the thread has ended without being stopped: an Error escaped the worker. */
    boolean died() {
        return started && !thread.isAlive() && !stopping();
    }

    /** "working", "starting" or "retrying after N failures: reason", for the health check. */
    String state() {
        if (failedInARow > 0) {
            return "retrying after " + failedInARow + (failedInARow == 1 ? " failure: " : " failures: ") + lastError;
        }
        return up.get() == 1 ? "working" : "starting";
    }

    @Override
    public boolean stopping() {
        return stop.getCount() == 0;
    }

    @Override
    public void healthy() {
        if (failedInARow > 0) {
            LOG.infof("%s: working again after %d failed attempt(s)", name, failedInARow);
        }
        failedInARow = 0;
        lastError = null;
        up.set(1);
    }

    @Override
    public boolean pause(Duration time) {
        try {
            return !stop.await(time.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void loop() {
        try {
            while (!stopping()) {
                try {
                    worker.run(this);
                    if (!stopping()) {
                        failed("the session ended");
                    }
                } catch (Exception e) {
                    if (stopping()) {
                        break; // a wake-up, or a client closed under it: not a failure
                    }
                    failed(reason(e));
                }
            }
        } finally {
            up.set(0);
            try {
                worker.close();
            } catch (RuntimeException e) {
                LOG.warnf("%s: closing: %s", name, e.getMessage());
            }
        }
    }

    /** Counts a failed session, says so once per outage, and waits out the backoff. */
    private void failed(String reason) {
        failures.incrementAndGet();
        up.set(0);
        int n = ++failedInARow;
        lastError = reason;
        Duration wait = backoff.after(n);
        if (n == 1) {
            LOG.warnf("%s: %s; retrying in %.1f s, and so on until it works", name, reason, wait.toMillis() / 1000.0);
        } else {
            LOG.debugf("%s: attempt %d failed: %s; next in %d ms", name, n, reason, wait.toMillis());
        }
        pause(wait);
    }

    /** The message of {@code e}, with its root cause's when that says more. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e || root.getMessage() == null || m.contains(root.getMessage()) ? m : m + ": " + root.getMessage();
    }
}
