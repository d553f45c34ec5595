package dev.cloudpacs.common.storage;

import dev.cloudpacs.common.config.PacsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The storage backend from configuration (filesystem; S3 later behind the same SPI). */
@ApplicationScoped
public class StorageProducer {
    @Produces
    @ApplicationScoped
    ObjectStorage storage(PacsConfig config) {
        try {
            return new FileSystemStorage(Path.of(config.storage().root()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use storage root " + config.storage().root() + ": " + e.getMessage(), e);
        }
    }
}
