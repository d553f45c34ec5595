package dev.cloudpacs.dicom.net.assoc;

/**
 * A registered callback ({@link DimseRequest#onCancel}, {@link Association#onClose}); closing it
 * forgets the callback, so a long association does not collect the callbacks of finished requests.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Forgets the callback; it will not run if it has not yet. Idempotent. */
    @Override
    void close();
}
