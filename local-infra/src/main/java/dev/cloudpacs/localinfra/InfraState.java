package dev.cloudpacs.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The state file {@code DIR/infra.properties}: ports, pids, cluster id and database credentials. It holds
 * secrets, so it is only ever written with owner-only permissions, and it survives {@code stop} (the passwords
 * must match the data that stays on disk).
 */
final class InfraState {
    static final String FILE = "infra.properties";

    static final String KAFKA_PORT = "kafka.port";
    static final String KAFKA_CONTROLLER_PORT = "kafka.controller.port";
    static final String KAFKA_PID = "kafka.pid";
    static final String KAFKA_CLUSTER_ID = "kafka.cluster.id";
    static final String PG_PORT = "postgres.port";
    static final String PG_PID = "postgres.pid";
    static final String PG_ADMIN_PASSWORD = "postgres.admin.password";
    static final String DB_NAME = "db.name";
    static final String DB_USER = "db.user";
    static final String DB_PASSWORD = "db.password";
    static final String DB_CREATED = "db.created";
    static final String KEYCLOAK_PORT = "keycloak.port";
    static final String KEYCLOAK_MANAGEMENT_PORT = "keycloak.management.port";
    static final String KEYCLOAK_PID = "keycloak.pid";
    static final String KEYCLOAK_ADMIN_PASSWORD = "keycloak.admin.password";
    static final String KEYCLOAK_DB_PASSWORD = "keycloak.db.password";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Path file;
    private final Properties props = new Properties();

    private InfraState(Path file) {
        this.file = file;
    }

    /** Reads {@code dir/infra.properties}, or an empty state if there is none yet. */
    static InfraState load(Path dir) throws IOException {
        InfraState s = new InfraState(dir.resolve(FILE));
        if (Files.exists(s.file)) {
            try (InputStream in = Files.newInputStream(s.file)) {
                s.props.load(in);
            }
        }
        return s;
    }

    /** Writes atomically: a reader never sees half a file, and the secrets are never world-readable. */
    void save() throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        StringWriter w = new StringWriter();
        props.store(w, "local-infra state; contains passwords - keep private");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(w.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    String get(String key) {
        return props.getProperty(key);
    }

    int getInt(String key) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v.trim());
    }

    long getLong(String key) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? 0 : Long.parseLong(v.trim());
    }

    void set(String key, Object value) {
        if (value == null) {
            props.remove(key);
        } else {
            props.setProperty(key, value.toString());
        }
    }

    /** The key of a local Keycloak user's password. */
    static String keycloakUserPassword(String user) {
        return "keycloak.user." + user + ".password";
    }

    /** The value of {@code key}, generating and storing a random secret the first time. */
    String secret(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            v = randomAlnum(24);
            props.setProperty(key, v);
        }
        return v;
    }

    /** Letters and digits only, so a value never needs quoting in a config file or SQL literal. */
    static String randomAlnum(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }
}
