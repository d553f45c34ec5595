package dev.cloudpacs.common.worker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lifecycle every background worker gets: retries after the backoff, recovery, stop, close, death. */
class WorkerThreadTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40));

    /** Fails its first {@code failures} sessions, then works until stopped. */
    private static final class Flaky implements Worker {
        final int failures;
        final AtomicInteger sessions = new AtomicInteger();
        final AtomicInteger woken = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final CountDownLatch working = new CountDownLatch(1);

        Flaky(int failures) {
            this.failures = failures;
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public void run(WorkerContext context) throws Exception {
            if (sessions.incrementAndGet() <= failures) {
                throw new Exception("broker away", new java.net.ConnectException("Connection refused"));
            }
            context.healthy();
            working.countDown();
            while (context.pause(Duration.ofMinutes(10))) {
                // a long wait that stopping cuts short
            }
        }

        @Override
        public void wake() {
            woken.incrementAndGet();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void failedSessionsAreRetriedUntilTheWorkerWorksThenStopEndsItAtOnce() throws Exception {
        Flaky w = new Flaky(3);
        WorkerThread t = new WorkerThread(w, FAST);
        assertEquals("starting", t.state());
        t.start();
        assertTrue(w.working.await(5, TimeUnit.SECONDS), "works after three failed sessions");
        assertEquals(4, w.sessions.get());
        assertEquals(3, t.failures.get());
        assertEquals(1, t.up.get());
        assertEquals("working", t.state());

        long before = System.nanoTime();
        t.requestStop();
        assertTrue(t.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)), "stopped");
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(2), "the pause was cut short");
        assertEquals(1, w.woken.get());
        assertEquals(1, w.closed.get());
        assertEquals(0, t.up.get());
        assertFalse(t.died(), "a stopped worker is not dead");
    }

    @Test
    void aFailingWorkerSaysWhyAndIsStillAlive() throws Exception {
        Flaky w = new Flaky(Integer.MAX_VALUE);
        WorkerThread t = new WorkerThread(w, FAST);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (w.sessions.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(t.state().startsWith("retrying after "), t.state());
        assertTrue(t.state().endsWith("broker away: Connection refused"), t.state());
        assertFalse(t.died());
        t.requestStop();
        assertTrue(t.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
        assertEquals(1, w.closed.get());
    }

    @Test
    void aWorkerKilledByAnErrorIsDead() throws Exception {
        Worker w = new Worker() {
            @Override
            public String name() {
                return "doomed";
            }

            @Override
            public void run(WorkerContext context) {
                throw new OutOfMemoryError("simulated");
            }
        };
        WorkerThread t = new WorkerThread(w, FAST);
        Thread.UncaughtExceptionHandler quiet = (th, e) -> { };
        Thread.setDefaultUncaughtExceptionHandler(quiet);
        try {
            t.start();
            assertTrue(t.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
            assertTrue(t.died(), "the liveness check reports it");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(null);
        }
    }
}
