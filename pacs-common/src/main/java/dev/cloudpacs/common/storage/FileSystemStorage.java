package dev.cloudpacs.common.storage;

import dev.cloudpacs.dicom.core.io.PooledFileWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Filesystem backend. A new object whose key is known up front is written in place and made durable
 * with fdatasync; anything else goes to {@code root/.tmp/} first and is renamed into place atomically,
 * with the directory entry synced, so an existing object is replaced whole or not at all. SHA-256 is
 * computed while streaming. Leftover temporary files from a crash are removed at start.
 */
public final class FileSystemStorage implements ObjectStorage {
    private final Path root;
    private final Path tmp;

    public FileSystemStorage(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve(".tmp");
        Files.createDirectories(tmp);
        try (Stream<Path> stale = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) stale::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    public Path root() {
        return root;
    }

    private Path resolve(String key) {
        if (!StorageKeys.isValidKey(key)) {
            throw new IllegalArgumentException("invalid storage key '" + key + "'");
        }
        return root.resolve(key);
    }

    @Override
    public StorageWriter begin() throws IOException {
        return new Writer(Files.createTempFile(tmp, "obj-", ".part"), null, List.of());
    }

    @Override
    public StorageWriter begin(String key) throws IOException {
        Path target = resolve(key);
        if (Files.exists(target)) {
            return begin();
        }
        List<Path> created = new ArrayList<>();
        for (Path d = target.getParent(); !Files.exists(d); d = d.getParent()) {
            created.add(0, d);
        }
        if (!created.isEmpty()) {
            Files.createDirectories(target.getParent());
        }
        try {
            return new Writer(Files.createFile(target), key, created);
        } catch (FileAlreadyExistsException e) {
            return begin();
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public Path localPath(String key) {
        return resolve(key);
    }

    @Override
    public boolean writable() {
        return Files.isDirectory(tmp) && Files.isWritable(tmp);
    }

    private final class Writer implements StorageWriter {
        private final Path file;
        /** The key the file already sits at (written in place), or null for a temporary file. */
        private final String inPlaceKey;
        /** Directories this writer created, whose entries must be synced with the object. */
        private final List<Path> createdDirs;
        private final FileChannel channel;
        private final MessageDigest digest;
        private final CountingStream counting;
        private final OutputStream out;
        private boolean done;

        Writer(Path file, String inPlaceKey, List<Path> createdDirs) throws IOException {
            this.file = file;
            this.inPlaceKey = inPlaceKey;
            this.createdDirs = createdDirs;
            this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
            this.counting = new CountingStream(channel, digest);
            this.out = counting;
        }

        @Override
        public OutputStream stream() {
            return out;
        }

        @Override
        public Path tempFile() {
            return file;
        }

        @Override
        public boolean inPlace() {
            return inPlaceKey != null;
        }

        @Override
        public long size() {
            return counting.count;
        }

        private String hex;

        @Override
        public String sha256() {
            if (hex == null) {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                hex = HexFormat.of().formatHex(digest.digest());
            }
            return hex;
        }

        @Override
        public void commit(String key) throws IOException {
            Path target = resolve(key);
            sha256();
            counting.release(true);
            // fdatasync: the content and the size needed to read it back; the name is synced below.
            channel.force(false);
            channel.close();
            if (key.equals(inPlaceKey)) {
                // Already at its key: a new file's entry is journalled with it (ext4, XFS); only
                // directories created for it need their own sync.
                for (Path d : createdDirs) {
                    fsyncDirectory(d.getParent());
                }
                done = true;
                return;
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("storage root does not support atomic rename: " + e.getMessage(), e);
            }
            fsyncDirectory(target.getParent());
            done = true;
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                counting.release(false);
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temp file is removed at the next start; a stray in-place file is never indexed
            }
        }
    }

    /** Makes a rename durable: fsync of the directory entry (works on Linux; ignored where unsupported). */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some platforms cannot open a directory; the file itself is already synced
        }
    }

    /** Digests and counts the object's bytes on their way to the file. */
    private static final class CountingStream extends OutputStream {
        private final MessageDigest digest;
        private final PooledFileWriter writer;
        long count;

        CountingStream(FileChannel channel, MessageDigest digest) {
            this.digest = digest;
            this.writer = new PooledFileWriter(channel);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writer.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            writer.flush();
        }

        /** Gives the buffer back, first writing what it holds if {@code write}. */
        void release(boolean write) throws IOException {
            try {
                if (write) {
                    writer.flush();
                }
            } finally {
                writer.release();
            }
        }
    }
}
