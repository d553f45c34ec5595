package dev.cloudpacs.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * A PostgreSQL server run from zonky's binaries with our own {@code initdb}/{@code pg_ctl} calls, so it keeps
 * running after the JVM that started it exits ({@code pg_ctl} detaches the postmaster into its own session).
 *
 * <p>Layout: {@code DIR/postgres-bin} (unpacked binaries), {@code DIR/postgres/data} (PGDATA, kept across
 * restarts), {@code DIR/postgres/postgres.log}. Only TCP on 127.0.0.1 with SCRAM passwords: no Unix socket, no
 * trust authentication. PostgreSQL refuses to run as root, so as root its programs run as {@code nobody}
 * (through util-linux {@code runuser}) and {@code DIR/postgres} belongs to that user.
 */
final class PostgresServer {
    static final String DB = "pacs";
    static final String USER = "pacs";
    private static final String SUPERUSER = "postgres";
    private static final String UNPRIVILEGED = "nobody";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path binDir;
    private final Path home;
    private final Path pgData;

    PostgresServer(Path dataDir) {
        this.binDir = dataDir.resolve("postgres-bin");
        this.home = dataDir.resolve("postgres");
        this.pgData = home.resolve("data");
    }

    Path log() {
        return home.resolve("postgres.log");
    }

    static String jdbcUrl(int port) {
        return jdbcUrl(port, DB);
    }

    static String jdbcUrl(int port, String db) {
        return "jdbc:postgresql://" + Procs.HOST + ":" + port + "/" + db;
    }

    /** Whether our postmaster runs (whether or not it answers yet). */
    boolean isRunning(InfraState state) throws IOException {
        return Procs.aliveWith(postmasterPid().orElse(state.getLong(InfraState.PG_PID)), pgData.toString());
    }

    /** Whether the server runs, accepts connections and has its database. */
    boolean isUp(InfraState state) throws IOException {
        return state.get(InfraState.DB_CREATED) != null && isRunning(state)
                && Procs.portAnswers(state.getInt(InfraState.PG_PORT));
    }

    /**
     * Initializes the cluster on first use (database and user {@code pacs}), starts the server and waits until
     * {@code pacs} can log in. Updates port, pid and credentials in {@code state}; saves it before the
     * generated passwords are baked into the cluster, so they can never be lost.
     */
    void start(InfraState state, int port) throws IOException {
        Path install = PostgresBinaries.ensure(binDir);
        Files.createDirectories(home);
        prepareOwnership();
        if (!Files.exists(pgData.resolve("PG_VERSION"))) {
            if (state.get(InfraState.DB_CREATED) != null) {
                throw new IOException(pgData + " is gone but " + InfraState.FILE + " says it was created; "
                        + "remove the state file to start from scratch");
            }
            state.secret(InfraState.PG_ADMIN_PASSWORD);
            state.secret(InfraState.DB_PASSWORD);
            state.save();
            initdb(install, state.get(InfraState.PG_ADMIN_PASSWORD));
        }
        Procs.rotate(log(), 20L << 20);
        try {
            Procs.run(asServerUser(List.of(install.resolve("bin/pg_ctl").toString(), "-D", pgData.toString(),
                    "-l", log().toString(), "-o", "-p " + port + " " + TUNING, "-w", "-t", Long.toString(TIMEOUT.toSeconds()),
                    "start")), home.resolve("pg_ctl.log"), TIMEOUT.plusSeconds(10));
        } catch (IOException e) {
            // pg_ctl only says "examine the log file": put the server's own words into the exception.
            throw new IOException(e.getMessage() + "\n" + log() + ":\n" + Procs.tail(log(), 15), e);
        }
        state.set(InfraState.PG_PORT, port);
        state.set(InfraState.PG_PID, postmasterPid().orElseThrow(() -> new IOException("no postmaster.pid in " + pgData)));
        try {
            if (state.get(InfraState.DB_CREATED) == null) {
                createDatabase(port, state.get(InfraState.PG_ADMIN_PASSWORD), state.get(InfraState.DB_PASSWORD));
                state.set(InfraState.DB_NAME, DB);
                state.set(InfraState.DB_USER, USER);
                state.set(InfraState.DB_CREATED, "true");
            }
            try (Connection c = connect(port, DB, USER, state.get(InfraState.DB_PASSWORD));
                 Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
        } catch (SQLException e) {
            stop(state);
            throw new IOException("PostgreSQL started but is not usable: " + e.getMessage(), e);
        }
    }

    /** {@code pg_ctl stop -m fast} (rolls back open transactions, disconnects clients); signals as a fallback. */
    void stop(InfraState state) throws IOException {
        long pid = postmasterPid().orElse(state.getLong(InfraState.PG_PID));
        if (isRunning(state)) {
            Path pgCtl = binDir.resolve("bin/pg_ctl");
            if (Files.isExecutable(pgCtl)) {
                try {
                    Procs.run(asServerUser(List.of(pgCtl.toString(), "-D", pgData.toString(), "stop", "-m", "fast",
                            "-w", "-t", "30")), home.resolve("pg_ctl.log"), Duration.ofSeconds(40));
                } catch (IOException e) {
                    System.getLogger(PostgresServer.class.getName()).log(System.Logger.Level.WARNING,
                            "pg_ctl stop failed, signalling postmaster " + pid + ": " + e.getMessage());
                }
            }
            if (!Procs.terminate(pid, Duration.ofSeconds(30))) {
                throw new IOException("PostgreSQL pid " + pid + " did not exit");
            }
        }
        state.set(InfraState.PG_PID, null);
    }

    private void initdb(Path install, String adminPassword) throws IOException {
        // A half-made cluster from an interrupted first start would make initdb refuse the directory.
        PostgresBinaries.deleteTree(pgData);
        Path pwfile = home.resolve(".pwfile");
        Files.deleteIfExists(pwfile);
        Files.createFile(pwfile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(pwfile, adminPassword + "\n", StandardCharsets.UTF_8);
            own(pwfile);
            Procs.run(asServerUser(List.of(install.resolve("bin/initdb").toString(), "-D", pgData.toString(),
                    "-U", SUPERUSER, "-A", "scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C")),
                    home.resolve("initdb.log"), TIMEOUT);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        Files.writeString(pgData.resolve("postgresql.conf"), String.join("\n",
                "", "# local-infra: loopback TCP only (the port is passed by pg_ctl -o)",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''",
                "timezone = 'UTC'",
                "max_connections = 200",
                ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Memory for the index: PostgreSQL's 128 MB default keeps re-reading a 1,000,000-instance index from
     * the page cache. Passed at each start, so existing data directories get it too.
     */
    private static final String TUNING = "-c shared_buffers=512MB -c effective_cache_size=4GB -c work_mem=16MB";

    private static void createDatabase(int port, String adminPassword, String password) throws SQLException {
        createDatabase(port, adminPassword, DB, USER, password);
    }

    /**
     * Creates database {@code db} owned by user {@code user} (both plain lower-case names of ours), unless they
     * exist, and sets the user's password: it goes over as a SCRAM verifier, so no server log can show it.
     */
    static void createDatabase(int port, String adminPassword, String db, String user, String password)
            throws SQLException {
        try (Connection c = connect(port, "postgres", SUPERUSER, adminPassword)) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE " + user + " LOGIN");
                }
            }
            c.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), "scram-sha-256");
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + db + " OWNER " + user);
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Connection connect(int port, String db, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        // The driver directly, not DriverManager: works under any class loader (e.g. a test framework's).
        Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://" + Procs.HOST + ":" + port + "/" + db, p);
        if (c == null) {
            throw new SQLException("driver refused the URL");
        }
        return c;
    }

    /** The running postmaster's pid: the first line of {@code postmaster.pid}. */
    private Optional<Long> postmasterPid() throws IOException {
        Path f = pgData.resolve("postmaster.pid");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    }

    // --- running as root -------------------------------------------------------------------------------------

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private List<String> asServerUser(List<String> command) throws IOException {
        if (!isRoot()) {
            return command;
        }
        Path runuser = tool("runuser").orElseThrow(() -> new IOException(
                "PostgreSQL cannot run as root and util-linux runuser was not found; run as a regular user"));
        List<String> wrapped = new ArrayList<>(List.of(runuser.toString(), "-u", UNPRIVILEGED, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Optional<Path> tool(String name) {
        return Procs.onPath(name).or(() -> Stream.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/")
                .map(d -> Path.of(d + name)).filter(Files::isExecutable).findFirst());
    }

    /** As root: hand {@code DIR/postgres} to the unprivileged user, who must also be able to reach it. */
    private void prepareOwnership() throws IOException {
        if (!isRoot() || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        own(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Path dataDir = home.getParent();
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dataDir);
        if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(dataDir, perms); // our own directory: let "nobody" pass through it
        }
        for (Path d = dataDir.getParent(); d != null; d = d.getParent()) {
            if (!Files.getPosixFilePermissions(d).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("running as root, PostgreSQL runs as '" + UNPRIVILEGED + "', which cannot "
                        + "enter " + d + "; choose a data directory outside it or run as a regular user");
            }
        }
    }

    private static void own(Path p) throws IOException {
        if (isRoot()) {
            UserPrincipal nobody = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED);
            Files.setOwner(p, nobody);
        }
    }
}
