package dev.cloudpacs.common.storage;

import dev.cloudpacs.dicom.core.io.PooledFileWriter;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Filesystem backend. Every object is written to a file of its own under {@code root/.tmp/} and made
 * visible under its key only when complete:
 * <ul>
 * <li>a new key gets a hard link to the file ({@code link(2)} never replaces), then one fsync of the
 *     file makes its data and its new name durable together (ext4 and XFS journal the name with the
 *     inode), as cheap as writing in place;</li>
 * <li>a key that holds an object already gets the file fsynced first, then renamed over it atomically
 *     and the directory synced, so the old object stays whole until the new one replaces it.</li>
 * </ul>
 * Two writers of one key (a modality retrying while its first association still hangs) thus each
 * write their own file; a writer that fails removes only its own, and taking an object back
 * ({@link StorageWriter#retract}, {@link #removeIfUnchanged}) first moves it aside, then compares its
 * inode with the one it meant, and puts back what turns out to be somebody else's. SHA-256 is computed
 * while streaming. At start, work files untouched for {@code staleAfter} are removed and objects a crash
 * left moved aside are put back.
 */
public final class FileSystemStorage implements ObjectStorage {
    private static final Logger LOG = Logger.getLogger(FileSystemStorage.class);
    private static final String PART = ".part";
    /** Prefix of an object moved out of the way while it is being taken back. */
    private static final String ASIDE = "aside.";
    private static final Pattern PARTITION = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{2}");
    private static final Pattern PARTITION_PART = Pattern.compile("[0-9a-f]{2}");

    private final Path root;
    private final Path tmp;

    public FileSystemStorage(Path root) throws IOException {
        this(root, Duration.ofHours(1));
    }

    /**
     * @param staleAfter how long a work file in {@code .tmp} must have been untouched before start-up
     *                   removes it (other replicas sharing the volume may be writing theirs)
     */
    public FileSystemStorage(Path root, Duration staleAfter) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve(".tmp");
        Files.createDirectories(tmp);
        cleanWorkFiles(Instant.now().minus(staleAfter));
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
        return new Writer(tmp.resolve("obj-" + UUID.randomUUID() + PART));
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

    @Override
    public List<String> partitions() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path a : sortedChildren(root, PARTITION_PART)) {
            for (Path b : sortedChildren(a, PARTITION_PART)) {
                out.add(a.getFileName() + "/" + b.getFileName());
            }
        }
        return out;
    }

    private static List<Path> sortedChildren(Path dir, Pattern names) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                p -> names.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    @Override
    public List<Listed> list(String partition) throws IOException {
        if (!PARTITION.matcher(partition).matches()) {
            throw new IllegalArgumentException("invalid storage partition '" + partition + "'");
        }
        List<Listed> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve(partition), "*.dcm")) {
            for (Path p : ds) {
                String key = partition + "/" + p.getFileName();
                if (!StorageKeys.isValidKey(key)) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    out.add(new Listed(key, a.size(), a.lastModifiedTime().toInstant(), a.fileKey()));
                } catch (NoSuchFileException gone) {
                    // replaced or removed while listing
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return out;
    }

    @Override
    public boolean removeIfUnchanged(Listed object, BooleanSupplier stillUnwanted) throws IOException {
        Path target = resolve(object.key());
        Path aside = moveAside(target);
        if (aside == null) {
            return false;
        }
        boolean remove = false;
        try {
            remove = Objects.equals(identity(aside), object.identity()) && stillUnwanted.getAsBoolean();
        } finally {
            if (remove) {
                Files.deleteIfExists(aside);
            } else {
                putBack(aside, target);
            }
        }
        return remove;
    }

    /** Moves the object at {@code target} out of everyone's way; null when there is none. */
    private Path moveAside(Path target) throws IOException {
        Path aside = tmp.resolve(ASIDE + target.getFileName() + "." + UUID.randomUUID());
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Returns an object moved aside to its key, unless another was put there meanwhile: that one is
     * newer, and the one aside is dropped.
     */
    private void putBack(Path aside, Path target) throws IOException {
        try {
            Files.createLink(target, aside);
            fsyncDirectory(target.getParent());
        } catch (FileAlreadyExistsException newer) {
            // a writer stored the instance again while this one was aside
        }
        Files.deleteIfExists(aside);
    }

    private static Object identity(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }

    @Override
    public void removeStaleWork(Instant before) throws IOException {
        cleanWorkFiles(before);
    }

    /** Stale work files go; objects a crash left aside go back to their keys. */
    private void cleanWorkFiles(Instant staleBefore) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                try {
                    // Putting back is always safe: at worst an unwanted object waits for the reconciler.
                    if (name.startsWith(ASIDE)) {
                        String file = name.substring(ASIDE.length(), name.lastIndexOf('.'));
                        String uid = file.endsWith(".dcm") ? file.substring(0, file.length() - 4) : "";
                        if (dev.cloudpacs.dicom.core.util.UIDs.isValid(uid)) {
                            Path target = resolve(StorageKeys.instanceKey(uid));
                            Files.createDirectories(target.getParent());
                            putBack(p, target);
                            LOG.infof("put back %s, left aside by an interrupted removal", target);
                            continue;
                        }
                    }
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(staleBefore)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    LOG.warnf("could not clean up %s: %s", p, e.getMessage());
                }
            }
        }
    }

    private final class Writer implements StorageWriter {
        private final Path file;
        private final Object identity;
        private final FileChannel channel;
        private final MessageDigest digest;
        private final CountingStream counting;
        private Path committedNew;
        private boolean done;
        private String hex;

        Writer(Path file) throws IOException {
            this.file = file;
            // Created with the default mode, like every object (replacements used to get 0600).
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                this.identity = identity(file);
            } catch (IOException e) {
                channel.close();
                Files.deleteIfExists(file);
                throw e;
            }
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
            this.counting = new CountingStream(channel, digest);
        }

        @Override
        public OutputStream stream() {
            return counting;
        }

        @Override
        public Path tempFile() {
            return file;
        }

        @Override
        public long size() {
            return counting.count;
        }

        @Override
        public String sha256() {
            if (hex == null) {
                try {
                    counting.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                hex = HexFormat.of().formatHex(digest.digest());
            }
            return hex;
        }

        @Override
        public boolean commit(String key) throws IOException {
            Path target = resolve(key);
            sha256();
            counting.release(true);
            List<Path> createdDirs = createParents(target);
            try {
                try {
                    Files.createLink(target, file);
                } catch (UnsupportedOperationException e) {
                    throw new FileSystemException(target.toString(), null, "hard links not supported");
                }
                committedNew = target;
                Files.delete(file);
                // One fsync: the data, the inode and its new name reach the journal together.
                channel.force(true);
                channel.close();
                for (Path d : createdDirs) {
                    fsyncDirectory(d.getParent());
                }
                done = true;
                return true;
            } catch (FileAlreadyExistsException exists) {
                replace(target);
                return false;
            } catch (FileSystemException noLinks) {
                if (committedNew != null || !Files.exists(file)) {
                    throw noLinks;
                }
                // A filesystem without hard links: the always-safe way, sync first, then rename.
                replace(target);
                return false;
            }
        }

        private void replace(Path target) throws IOException {
            channel.force(false);
            channel.close();
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("storage root does not support atomic rename: " + e.getMessage(), e);
            }
            fsyncDirectory(target.getParent());
            done = true;
        }

        @Override
        public void retract() {
            if (committedNew == null) {
                return;
            }
            Path target = committedNew;
            committedNew = null;
            try {
                Path aside = moveAside(target);
                if (aside == null) {
                    return;
                }
                if (Objects.equals(identity(aside), identity)) {
                    Files.deleteIfExists(aside);
                } else {
                    putBack(aside, target);
                }
            } catch (IOException e) {
                LOG.warnf("could not take back %s (the reconciler will): %s", target, e.getMessage());
            }
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
                // a stale work file is removed at a later start
            }
        }
    }

    /** Creates the missing parent directories of {@code target}; returns those it created, outermost first. */
    private static List<Path> createParents(Path target) throws IOException {
        List<Path> created = new ArrayList<>();
        for (Path d = target.getParent(); !Files.isDirectory(d); d = d.getParent()) {
            created.add(0, d);
        }
        if (!created.isEmpty()) {
            Files.createDirectories(target.getParent());
        }
        return created;
    }

    /** Makes a new name durable: fsync of the directory (works on Linux; ignored where unsupported). */
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
