package dev.cloudpacs.dicom.net.assoc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Something that happens once (a C-CANCEL, the end of a connection) and the callbacks waiting for it.
 * A callback registered after the fact runs at once, on the registering thread; each runs at most once.
 */
final class Trigger {
    private static final Logger LOG = Logger.getLogger(Trigger.class.getName());

    private final Set<Callback> callbacks = ConcurrentHashMap.newKeySet();
    private volatile boolean fired;

    private static final class Callback {
        final Runnable action;
        final AtomicBoolean done = new AtomicBoolean();

        Callback(Runnable action) {
            this.action = action;
        }

        void run() {
            if (done.compareAndSet(false, true)) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "callback failed", e);
                }
            }
        }
    }

    boolean fired() {
        return fired;
    }

    Subscription register(Runnable action) {
        Callback c = new Callback(action);
        callbacks.add(c);
        if (fired) {
            // fire() may have run before the add: make sure the callback runs, once.
            callbacks.remove(c);
            c.run();
            return () -> { };
        }
        return () -> {
            c.done.set(true);
            callbacks.remove(c);
        };
    }

    void fire() {
        fired = true;
        for (Callback c : callbacks) {
            callbacks.remove(c);
            c.run();
        }
    }
}
