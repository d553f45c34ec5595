package dev.cloudpacs.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A real Kafka broker (KRaft, single node) and a real PostgreSQL server on free 127.0.0.1 ports, with all data
 * under one directory, for {@code ./pacs up} and for integration tests.
 *
 * <p>Both run as separate OS processes that outlive the JVM that started them; {@code DIR/infra.properties}
 * records their ports and pids, so a later {@link #start(Path)} on the same directory - from this JVM or
 * another - reuses what still runs, and {@link #stop(Path)} can stop them from anywhere. PostgreSQL has database
 * and user {@code pacs}; the password is generated once and kept only in that (owner-only) state file.
 *
 * <pre>{@code
 * LocalInfra infra = LocalInfra.start(Path.of("target/infra"));
 * String bootstrap = infra.kafkaBootstrapServers();   // 127.0.0.1:PORT
 * String url = infra.jdbcUrl();                        // jdbc:postgresql://127.0.0.1:PORT/pacs
 * infra.stop();
 * }</pre>
 */
public final class LocalInfra {
    private static final System.Logger LOG = System.getLogger(LocalInfra.class.getName());
    /** Serializes this JVM's callers; the file lock alone would throw for a second thread of the same JVM. */
    private static final Object JVM_LOCK = new Object();
    /** System property naming the shared test instance's directory. */
    public static final String SHARED_DIR_PROPERTY = "localinfra.shared.dir";
    private static LocalInfra shared;

    private final Path dataDir;
    private final int kafkaPort;
    private final int postgresPort;
    private final long kafkaPid;
    private final long postgresPid;
    private final String dbPassword;
    private final boolean reused;

    private LocalInfra(Path dataDir, InfraState state, boolean reused) {
        this.dataDir = dataDir;
        this.kafkaPort = state.getInt(InfraState.KAFKA_PORT);
        this.postgresPort = state.getInt(InfraState.PG_PORT);
        this.kafkaPid = state.getLong(InfraState.KAFKA_PID);
        this.postgresPid = state.getLong(InfraState.PG_PID);
        this.dbPassword = state.get(InfraState.DB_PASSWORD);
        this.reused = reused;
    }

    /**
     * Starts Kafka and PostgreSQL with data under {@code dataDir}, or reuses them when they already run for that
     * directory; returns once both accept clients. A cold start takes seconds (the first one on a directory also
     * unpacks PostgreSQL and formats Kafka's storage); a reuse takes milliseconds.
     *
     * @throws IOException when either cannot be started; whatever this call started is stopped again
     */
    public static LocalInfra start(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (JVM_LOCK) {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return startLocked(dir);
            }
        }
    }

    private static LocalInfra startLocked(Path dir) throws IOException {
        InfraState state = InfraState.load(dir);
        PostgresServer pg = new PostgresServer(dir);
        KafkaBroker kafka = new KafkaBroker(dir);
        boolean pgReused = pg.isUp(state);
        boolean kafkaReused = kafka.isUp(state);
        if (!kafkaReused) {
            KafkaBroker.locateLibs(); // fail before starting anything when the broker jars are missing
        }
        int[] ports = Procs.freePorts(state.getInt(InfraState.PG_PORT), state.getInt(InfraState.KAFKA_PORT),
                state.getInt(InfraState.KAFKA_CONTROLLER_PORT));
        // The two are independent and mostly wait (JVM boot, initdb, fsync): start them side by side.
        FutureTask<Void> kafkaStart = new FutureTask<>(() -> {
            long t0 = System.nanoTime();
            kafka.stop(state); // a broker that runs but does not answer: replace it rather than start a second
            kafka.start(state, ports[1], ports[2]);
            LOG.log(System.Logger.Level.INFO, "Kafka started on {0} (pid {1,number,#}) in {2,number,#} ms",
                    Procs.HOST + ":" + ports[1], state.getLong(InfraState.KAFKA_PID), ms(t0));
            return null;
        });
        if (!kafkaReused) {
            Thread.ofPlatform().name("local-infra-kafka-start").daemon().start(kafkaStart);
        }
        Exception failure = null;
        if (!pgReused) {
            try {
                long t0 = System.nanoTime();
                pg.stop(state);
                pg.start(state, ports[0]);
                LOG.log(System.Logger.Level.INFO, "PostgreSQL started on {0} (pid {1,number,#}) in {2,number,#} ms",
                        PostgresServer.jdbcUrl(ports[0]), state.getLong(InfraState.PG_PID), ms(t0));
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        if (!kafkaReused) {
            try {
                kafkaStart.get();
            } catch (ExecutionException e) {
                failure = addFailure(failure, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = addFailure(failure, e);
            }
        }
        if (failure != null) {
            // Leave nothing half-started behind; what was already running before this call stays.
            try {
                if (!kafkaReused) {
                    kafka.stop(state);
                }
                if (!pgReused) {
                    pg.stop(state);
                }
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
            state.save();
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        state.save();
        if (pgReused || kafkaReused) {
            LOG.log(System.Logger.Level.INFO, "Reused running {0} from {1}",
                    pgReused && kafkaReused ? "Kafka and PostgreSQL" : pgReused ? "PostgreSQL" : "Kafka", dir);
        }
        return new LocalInfra(dir, state, pgReused && kafkaReused);
    }

    private static Exception addFailure(Exception first, Throwable next) {
        Exception e = next instanceof Exception ex ? ex : new IOException(next);
        if (first == null) {
            return e;
        }
        first.addSuppressed(e);
        return first;
    }

    /**
     * Stops the Kafka broker (SIGTERM, SIGKILL after 30 s) and PostgreSQL ({@code pg_ctl stop -m fast}) of
     * {@code dataDir}, whichever JVM started them. Data and state file stay. Does nothing when nothing runs.
     */
    public static void stop(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.exists(dir.resolve(InfraState.FILE))) {
            return;
        }
        synchronized (JVM_LOCK) {
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                InfraState state = InfraState.load(dir);
                IOException failure = null;
                try {
                    new KeycloakServer(dir).stop(state); // before its database goes
                } catch (IOException e) {
                    failure = e;
                }
                try {
                    new KafkaBroker(dir).stop(state);
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
                try {
                    new PostgresServer(dir).stop(state);
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
                state.save();
                if (failure != null) {
                    throw failure;
                }
            }
        }
    }

    /** What runs for {@code dataDir} now; never starts or stops anything. */
    public static Status status(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        InfraState state = InfraState.load(dir);
        KeycloakServer keycloak = new KeycloakServer(dir);
        return new Status(new KafkaBroker(dir).isUp(state), new PostgresServer(dir).isUp(state),
                Procs.HOST + ":" + state.getInt(InfraState.KAFKA_PORT),
                PostgresServer.jdbcUrl(state.getInt(InfraState.PG_PORT)),
                keycloak.isUp(state) ? Optional.of(identityProvider(state)) : Optional.empty());
    }

    /**
     * Starts the identity provider (Keycloak, realm {@code cloudpacs}) for this directory, or reuses it when it
     * runs; PostgreSQL must be up (it holds Keycloak's data, database {@code keycloak}). A first start on a
     * checkout also bakes Keycloak's build options in (about a minute); later starts take seconds.
     */
    public IdentityProvider identityProvider() throws IOException {
        IdentityProvider[] idp = new IdentityProvider[1];
        locked(state -> {
            KeycloakServer keycloak = new KeycloakServer(dataDir);
            if (!keycloak.isUp(state, java.time.Duration.ofSeconds(60))) {
                long t0 = System.nanoTime();
                keycloak.stop(state); // one that runs but does not answer: replace it rather than start a second
                int pgPort = state.getInt(InfraState.PG_PORT);
                String dbPassword = state.secret(InfraState.KEYCLOAK_DB_PASSWORD);
                try {
                    PostgresServer.createDatabase(pgPort, state.get(InfraState.PG_ADMIN_PASSWORD),
                            KeycloakServer.DB, KeycloakServer.DB, dbPassword);
                } catch (java.sql.SQLException e) {
                    throw new IOException("cannot create Keycloak's database: " + e.getMessage(), e);
                }
                state.save();
                int[] ports = Procs.freePorts(state.getInt(InfraState.KEYCLOAK_PORT),
                        state.getInt(InfraState.KEYCLOAK_MANAGEMENT_PORT));
                keycloak.start(state, ports[0], ports[1], PostgresServer.jdbcUrl(pgPort, KeycloakServer.DB),
                        KeycloakServer.DB, dbPassword);
                LOG.log(System.Logger.Level.INFO, "Keycloak started on {0} (pid {1,number,#}) in {2,number,#} ms",
                        KeycloakServer.url(ports[0]), state.getLong(InfraState.KEYCLOAK_PID), ms(t0));
            }
            idp[0] = identityProvider(state);
        });
        return idp[0];
    }

    private static IdentityProvider identityProvider(InfraState state) {
        return new IdentityProvider(KeycloakServer.url(state.getInt(InfraState.KEYCLOAK_PORT)), KeycloakServer.REALM);
    }

    /**
     * An access token for local user {@code user} ({@link IdentityProvider#USERS}) from the running identity
     * provider ({@link #identityProvider()} first).
     */
    public String token(String user) throws IOException {
        String[] token = new String[1];
        locked(state -> token[0] = new KeycloakServer(dataDir).token(state, user));
        return token[0];
    }

    /** As {@link #token(String)}, expiring after {@code seconds} (for tests of expiry). */
    public String token(String user, int seconds) throws IOException {
        String[] token = new String[1];
        locked(state -> token[0] = new KeycloakServer(dataDir).shortLivedToken(state, user, seconds));
        return token[0];
    }

    /**
     * A token of local user {@code user} asked of {@code tokenEndpoint} by {@code client} (password grant), for
     * tests of tokens the archive must refuse: from a client without its audience, or through another host
     * name (another issuer).
     */
    public String token(String tokenEndpoint, String client, String user) throws IOException {
        String[] token = new String[1];
        locked(state -> token[0] = new KeycloakServer(dataDir).passwordGrant(tokenEndpoint, client, user,
                state.get(InfraState.keycloakUserPassword(user))));
        return token[0];
    }

    /** The password of local user {@code user}, for tests that log in as a person would. */
    public String password(String user) throws IOException {
        return InfraState.load(dataDir).get(InfraState.keycloakUserPassword(user));
    }

    /**
     * The local identity provider.
     *
     * @param url   Keycloak's base URL, {@code http://127.0.0.1:PORT}
     * @param realm the archive's realm, {@code cloudpacs}
     */
    public record IdentityProvider(String url, String realm) {
        /** The local users and the role each stands for ({@code admin} has all three roles). */
        public static final java.util.Map<String, String> USERS = KeycloakServer.USERS;
        /** The public client for the command line (password grant). */
        public static final String CLI_CLIENT = KeycloakServer.CLI_CLIENT;
        /** The audience of every token the archive accepts. */
        public static final String AUDIENCE = "cloudpacs";

        /** The issuer ({@code iss}) of its tokens, and the OIDC discovery base. */
        public String issuer() {
            return url + "/realms/" + realm;
        }

        /** The OAuth 2.0 token endpoint. */
        public String tokenEndpoint() {
            return issuer() + "/protocol/openid-connect/token";
        }
    }

    /**
     * One instance per JVM for integration tests: started on first use with data under {@code
     * target/local-infra-test} (or {@code -Dlocalinfra.shared.dir}), shared by all test classes, stopped by a
     * shutdown hook. Independent of any test framework.
     *
     * @throws UncheckedIOException when it cannot be started
     */
    public static synchronized LocalInfra shared() {
        if (shared == null) {
            Path dir = Path.of(System.getProperty(SHARED_DIR_PROPERTY, "target/local-infra-test"));
            try {
                shared = start(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start local Kafka and PostgreSQL in " + dir, e);
            }
            LocalInfra instance = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    instance.stop();
                } catch (IOException | RuntimeException e) {
                    System.err.println("local-infra: stopping " + instance.dataDir + " failed: " + e);
                }
            }, "local-infra-stop"));
        }
        return shared;
    }

    /** Kafka's {@code bootstrap.servers}: {@code 127.0.0.1:PORT}. */
    public String kafkaBootstrapServers() {
        return Procs.HOST + ":" + kafkaPort;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/pacs}. */
    public String jdbcUrl() {
        return PostgresServer.jdbcUrl(postgresPort);
    }

    /** The database user, {@code pacs} (owner of database {@code pacs}, not a superuser). */
    public String dbUser() {
        return PostgresServer.USER;
    }

    /** The database user's password, generated on the directory's first start. */
    public String dbPassword() {
        return dbPassword;
    }

    /** The broker JVM's process id. */
    public long kafkaPid() {
        return kafkaPid;
    }

    /** The postmaster's process id. */
    public long postgresPid() {
        return postgresPid;
    }

    /** The data directory (absolute). */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether both servers were already running and this handle merely attached to them. */
    public boolean reused() {
        return reused;
    }

    /** Stops only the Kafka broker (fault injection in tests); {@link #startKafka()} brings it back on the same port. */
    public void stopKafka() throws IOException {
        locked(state -> new KafkaBroker(dataDir).stop(state));
    }

    /** Starts the Kafka broker again after {@link #stopKafka()}. */
    public void startKafka() throws IOException {
        locked(state -> {
            KafkaBroker kafka = new KafkaBroker(dataDir);
            if (!kafka.isUp(state)) {
                kafka.stop(state);
                int[] ports = Procs.freePorts(state.getInt(InfraState.KAFKA_PORT), state.getInt(InfraState.KAFKA_CONTROLLER_PORT));
                kafka.start(state, ports[0], ports[1]);
            }
        });
    }

    /** Stops only PostgreSQL (fault injection in tests); {@link #startPostgres()} brings it back on the same port. */
    public void stopPostgres() throws IOException {
        locked(state -> new PostgresServer(dataDir).stop(state));
    }

    /**
     * Freezes PostgreSQL, the server and every backend (SIGSTOP; fault injection in tests): connections
     * stay open and nothing answers, as with a stalled host or a partition that drops packets.
     * {@link #resumePostgres()} lets it go on.
     */
    public void pausePostgres() throws IOException {
        signalPostgres("STOP");
    }

    /** Lets a PostgreSQL frozen by {@link #pausePostgres()} go on (SIGCONT). */
    public void resumePostgres() throws IOException {
        signalPostgres("CONT");
    }

    private void signalPostgres(String signal) throws IOException {
        locked(state -> {
            long pid = state.getLong(InfraState.PG_PID);
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("kill", "-" + signal, Long.toString(pid)));
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> cmd.add(Long.toString(d.pid()))));
            try {
                int rc = new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
                if (rc != 0) {
                    throw new IOException("kill -" + signal + " of PostgreSQL (pid " + pid + ") exited with " + rc);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted signalling PostgreSQL", e);
            }
        });
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}. */
    public void startPostgres() throws IOException {
        locked(state -> {
            PostgresServer pg = new PostgresServer(dataDir);
            if (!pg.isUp(state)) {
                pg.start(state, Procs.freePorts(state.getInt(InfraState.PG_PORT))[0]);
            }
        });
    }

    private interface StateAction {
        void run(InfraState state) throws IOException;
    }

    private void locked(StateAction action) throws IOException {
        synchronized (JVM_LOCK) {
            try (FileChannel ch = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                InfraState state = InfraState.load(dataDir);
                try {
                    action.run(state);
                } finally {
                    state.save();
                }
            }
        }
    }

    /** Same as {@link #stop(Path)} for this handle's directory. */
    public void stop() throws IOException {
        stop(dataDir);
    }

    /** Same as {@link #status(Path)} for this handle's directory. */
    public Status status() throws IOException {
        return status(dataDir);
    }

    @Override
    public String toString() {
        return "LocalInfra[kafka=" + kafkaBootstrapServers() + ", jdbc=" + jdbcUrl() + ", dir=" + dataDir + "]";
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /**
     * What runs for a data directory.
     *
     * @param kafkaUp               the broker's process runs and its port answers
     * @param postgresUp            the postmaster runs, its port answers and database {@code pacs} exists
     * @param kafkaBootstrapServers last recorded {@code bootstrap.servers}
     * @param jdbcUrl               last recorded JDBC URL
     * @param identityProvider      Keycloak, when it runs and is ready
     */
    public record Status(boolean kafkaUp, boolean postgresUp, String kafkaBootstrapServers, String jdbcUrl,
                         Optional<IdentityProvider> identityProvider) {
        /** Both up. */
        public boolean up() {
            return kafkaUp && postgresUp;
        }
    }
}
