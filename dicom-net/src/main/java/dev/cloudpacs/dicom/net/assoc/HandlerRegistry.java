package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dimse.CommandField;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which handler serves a request: by (SOP class, command field), then by a SOP class predicate (e.g.
 * "any storage class"), then by command field alone (the fallback, like dcm4che's {@code *}).
 */
public final class HandlerRegistry {
    private record Key(String sopClass, CommandField field) {
    }

    private record Rule(Predicate<String> sopClasses, CommandField field, DimseHandler handler) {
    }

    private final Map<Key, DimseHandler> exact = new ConcurrentHashMap<>();
    private final java.util.List<Rule> rules = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Registers a handler for a request type of the given SOP classes. */
    public HandlerRegistry register(Set<String> sopClasses, CommandField field, DimseHandler handler) {
        for (String cuid : sopClasses) {
            exact.put(new Key(cuid, field), handler);
        }
        return this;
    }

    /** Registers a handler for every SOP class accepted by {@code sopClasses} (null = any). */
    public HandlerRegistry register(Predicate<String> sopClasses, CommandField field, DimseHandler handler) {
        rules.add(new Rule(sopClasses, field, handler));
        return this;
    }

    /** The handler for a request, or null when nothing serves it. */
    public DimseHandler lookup(String sopClass, CommandField field) {
        DimseHandler h = exact.get(new Key(sopClass, field));
        if (h != null) {
            return h;
        }
        for (Rule r : rules) {
            if (r.field() == field && (r.sopClasses() == null || r.sopClasses().test(sopClass))) {
                return r.handler();
            }
        }
        return null;
    }

    /** True when some handler serves any request on {@code sopClass} (used to accept contexts). */
    public boolean supports(String sopClass) {
        for (Key k : exact.keySet()) {
            if (k.sopClass().equals(sopClass)) {
                return true;
            }
        }
        for (Rule r : rules) {
            if (r.sopClasses() == null || r.sopClasses().test(sopClass)) {
                return true;
            }
        }
        return false;
    }
}
