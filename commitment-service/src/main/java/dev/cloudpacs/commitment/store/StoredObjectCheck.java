package dev.cloudpacs.commitment.store;

import dev.cloudpacs.common.storage.ObjectStorage;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Verifies a stored object against its index row before it is reported committed: the object exists,
 * has the indexed size and its SHA-256 is the one computed when it was stored.
 */
@ApplicationScoped
public class StoredObjectCheck {
    /** What the check found. */
    public enum Outcome { INTACT, MISSING, CORRUPT }

    private final ObjectStorage storage;

    public StoredObjectCheck(ObjectStorage storage) {
        this.storage = storage;
    }

    public Outcome check(IndexedObject o) throws IOException {
        if (!storage.exists(o.storageKey())) {
            return Outcome.MISSING;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        long size = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = storage.open(o.storageKey())) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                size += n;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return Outcome.MISSING;
        }
        boolean same = size == o.sizeBytes() && HexFormat.of().formatHex(sha.digest()).equalsIgnoreCase(o.checksumSha256());
        return same ? Outcome.INTACT : Outcome.CORRUPT;
    }
}
