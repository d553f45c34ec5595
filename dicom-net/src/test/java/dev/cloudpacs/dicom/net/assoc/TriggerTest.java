package dev.cloudpacs.dicom.net.assoc;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TriggerTest {
    @Test
    void aCallbackRunsOnceWhenFired() {
        Trigger t = new Trigger();
        AtomicInteger runs = new AtomicInteger();
        t.register(runs::incrementAndGet);
        assertEquals(0, runs.get());
        t.fire();
        t.fire();
        assertEquals(1, runs.get());
        assertTrue(t.fired());
    }

    @Test
    void aCallbackRegisteredAfterTheFactRunsAtOnce() {
        Trigger t = new Trigger();
        t.fire();
        AtomicInteger runs = new AtomicInteger();
        t.register(runs::incrementAndGet);
        assertEquals(1, runs.get());
    }

    @Test
    void aClosedSubscriptionNeverRuns() {
        Trigger t = new Trigger();
        AtomicInteger runs = new AtomicInteger();
        t.register(runs::incrementAndGet).close();
        t.fire();
        assertEquals(0, runs.get());
    }

    @Test
    void aFailingCallbackDoesNotStopTheOthers() {
        Trigger t = new Trigger();
        AtomicInteger runs = new AtomicInteger();
        t.register(() -> {
            throw new IllegalStateException("boom");
        });
        t.register(runs::incrementAndGet);
        t.fire();
        assertEquals(1, runs.get());
    }
}
