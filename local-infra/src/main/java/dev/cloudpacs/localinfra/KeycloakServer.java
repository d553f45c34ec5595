package dev.cloudpacs.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider: Keycloak's server distribution ({@code org.keycloak:keycloak-quarkus-dist},
 * which the build unpacks to {@code local-infra/target/keycloak}), run in production mode on loopback with its
 * data in the local PostgreSQL (database {@code keycloak}), so it lives and dies with the data directory.
 *
 * <p>On the first start of a data directory the realm {@code cloudpacs} is created from
 * {@code cloudpacs-realm.json}: the roles {@code pacs-read}, {@code pacs-store} and {@code pacs-admin}, the
 * clients {@code cloudpacs} (the audience of the archive's tokens), {@code pacs-cli} (password grant, for
 * {@code ./pacs token} and the tools) and {@code pacs-viewer} (authorization code with PKCE, for browser
 * viewers), and the users {@link #USERS}, whose passwords are generated then and kept in the state file only.
 */
final class KeycloakServer {
    /** Property or environment override for the unpacked distribution. */
    static final String HOME_PROPERTY = "localinfra.keycloak.home";
    static final String HOME_ENV = "LOCAL_INFRA_KEYCLOAK_HOME";
    static final String REALM = "cloudpacs";
    static final String CLI_CLIENT = "pacs-cli";
    static final String DB = "keycloak";
    /** The local users and, for {@code --role}, the one role each stands for (admin has all three). */
    static final Map<String, String> USERS = Map.of("reader", "pacs-read", "uploader", "pacs-store",
            "admin", "pacs-admin");
    private static final String BOOTSTRAP_ADMIN = "bootstrap-admin";
    /** Build-time options, baked into the distribution once by {@code kc.sh build}. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true");
    /**
     * Raw Quarkus settings of the server: the database it shares with the archive may restart (the tests stop
     * and freeze it on purpose), so a pooled connection idle for a second is checked before use, as the
     * services' are, instead of failing a login with an error 500.
     */
    private static final String QUARKUS_PROPERTIES = String.join("\n",
            "# Written by local-infra (KeycloakServer); edits are overwritten.",
            "quarkus.datasource.jdbc.foreground-validation-interval=1S",
            "quarkus.datasource.jdbc.background-validation-interval=10S",
            "");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final long LOG_ROTATE_BYTES = 20L << 20;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeycloakServer(Path dataDir) {
        this.dir = dataDir.resolve("keycloak");
    }

    Path log() {
        return dir.resolve("keycloak.log");
    }

    static String url(int port) {
        return "http://" + Procs.HOST + ":" + port;
    }

    /** Whether the server recorded in {@code state} runs (whether or not it answers yet). */
    boolean isRunning(InfraState state) {
        return Procs.aliveWith(state.getLong(InfraState.KEYCLOAK_PID), marker());
    }

    /** Whether it runs and says it is ready (its health endpoint, on the management port). */
    boolean isUp(InfraState state) {
        return isRunning(state) && ready(state.getInt(InfraState.KEYCLOAK_MANAGEMENT_PORT));
    }

    /**
     * Whether the recorded server runs and is ready, or becomes ready within {@code patience}: on a loaded
     * machine its health check can take seconds, and a server that is merely slow must be reused, not
     * replaced by a second one.
     */
    boolean isUp(InfraState state, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (isRunning(state)) {
            if (ready(state.getInt(InfraState.KEYCLOAK_MANAGEMENT_PORT))) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Procs.sleep(500);
        }
        return false;
    }

    /** The text only our server has on its command line: a system property naming this directory. */
    private String marker() {
        return "-Dlocalinfra.keycloak.dir=" + dir.toAbsolutePath();
    }

    /**
     * Starts Keycloak against the database at {@code jdbcUrl} and waits until it is ready; creates the realm on
     * the directory's first start. Updates ports and pid in {@code state}.
     */
    void start(InfraState state, int port, int managementPort, String jdbcUrl, String dbUser, String dbPassword)
            throws IOException {
        Path home = locateHome();
        build(home);
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>();
        // setsid: the server must not get the terminal's Ctrl-C/hang-up once `pacs up` has returned.
        Procs.onPath("setsid").ifPresent(p -> cmd.add(p.toString()));
        cmd.addAll(List.of("bash", home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--http-host=" + Procs.HOST, "--http-port=" + port,
                "--http-management-port=" + managementPort, "--hostname-strict=false",
                // One node, no cluster: no JGroups discovery on the network.
                "--cache=local",
                "--db-url=" + jdbcUrl, "--db-username=" + dbUser, "--log-console-color=false"));
        Procs.rotate(log(), LOG_ROTATE_BYTES);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Procs.devNull()));
        Map<String, String> env = environment(pb);
        // Secrets through the environment, never on a command line that `ps` shows.
        env.put("KC_DB_PASSWORD", dbPassword);
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", state.secret(InfraState.KEYCLOAK_ADMIN_PASSWORD));
        Process launcher = pb.start();
        long pid = serverPid(launcher);
        state.set(InfraState.KEYCLOAK_PID, pid);
        state.set(InfraState.KEYCLOAK_PORT, port);
        state.set(InfraState.KEYCLOAK_MANAGEMENT_PORT, managementPort);
        try {
            awaitReady(launcher, managementPort);
            ensureRealm(state, port);
        } catch (IOException | RuntimeException e) {
            Procs.terminate(pid, Duration.ofSeconds(5));
            state.set(InfraState.KEYCLOAK_PID, null);
            throw e;
        }
    }

    /** SIGTERM (Keycloak shuts down in a controlled way), SIGKILL if it is still there after 30 s. */
    void stop(InfraState state) throws IOException {
        long pid = state.getLong(InfraState.KEYCLOAK_PID);
        if (isRunning(state) && !Procs.terminate(pid, STOP_GRACE)) {
            throw new IOException("Keycloak pid " + pid + " did not exit");
        }
        // Any other server of this directory too (one whose start was given up on, say): none may outlive it.
        for (ProcessHandle h : ProcessHandle.allProcesses().filter(this::ours).toList()) {
            if (!Procs.terminate(h.pid(), STOP_GRACE)) {
                throw new IOException("Keycloak pid " + h.pid() + " did not exit");
            }
        }
        state.set(InfraState.KEYCLOAK_PID, null);
    }

    private boolean ours(ProcessHandle h) {
        return h.info().commandLine().map(l -> l.contains(marker() + " ")).orElse(false);
    }

    /**
     * An access token of the realm for local user {@code user} (password grant of {@code pacs-cli}).
     *
     * @throws IOException naming the user when the server refuses (unknown user, wrong password)
     */
    String token(InfraState state, String user) throws IOException {
        String password = state.get(InfraState.keycloakUserPassword(user));
        if (password == null) {
            throw new IOException("no local user '" + user + "' (local users: " + String.join(", ",
                    USERS.keySet().stream().sorted().toList()) + ")");
        }
        return passwordGrant(url(state.getInt(InfraState.KEYCLOAK_PORT)), REALM, CLI_CLIENT, user, password);
    }

    /**
     * A token of local user {@code user} that expires after {@code seconds}: asked of a client
     * {@code pacs-cli-Ns} (created through the admin API the first time) whose tokens live that long, for
     * tests of expiry.
     */
    String shortLivedToken(InfraState state, String user, int seconds) throws IOException {
        String password = state.get(InfraState.keycloakUserPassword(user));
        if (password == null) {
            throw new IOException("no local user '" + user + "'");
        }
        String base = url(state.getInt(InfraState.KEYCLOAK_PORT));
        String client = CLI_CLIENT + "-" + seconds + "s";
        String admin = passwordGrant(base, "master", "admin-cli", BOOTSTRAP_ADMIN,
                state.get(InfraState.KEYCLOAK_ADMIN_PASSWORD));
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + REALM
                + "/clients?clientId=" + client)).header("Authorization", "Bearer " + admin).build());
        if (found.statusCode() == 200 && found.body().strip().equals("[]")) {
            String json = "{\"clientId\":\"" + client + "\",\"enabled\":true,\"publicClient\":true,"
                    + "\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":true,"
                    + "\"attributes\":{\"access.token.lifespan\":\"" + seconds + "\"},"
                    + "\"protocolMappers\":[{\"name\":\"cloudpacs audience\",\"protocol\":\"openid-connect\","
                    + "\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{\"included.client.audience\":"
                    + "\"cloudpacs\",\"access.token.claim\":\"true\",\"id.token.claim\":\"false\"}}]}";
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + REALM
                            + "/clients")).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
            if (created.statusCode() != 201 && created.statusCode() != 409) {
                throw new IOException("Keycloak refused client " + client + ": HTTP " + created.statusCode());
            }
        }
        return passwordGrant(base, REALM, client, user, password);
    }

    private Map<String, String> environment(ProcessBuilder pb) {
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // A small heap (Keycloak's default takes 70% of the machine's memory) and C1 only: a local identity
        // provider answers a few token requests, it never needs peak throughput.
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // --add-opens: JBoss Threads resets thread locals through java.lang internals on JDK 24 and later.
        env.put("JAVA_OPTS_APPEND", marker() + " -XX:TieredStopAtLevel=1 -Djava.awt.headless=true"
                + " --add-opens=java.base/java.lang=ALL-UNNAMED");
        env.keySet().removeIf(k -> k.startsWith("KC_")); // only what we set configures it
        return env;
    }

    /**
     * Bakes the build-time options into the distribution once ({@code kc.sh build}, about a minute); a marker
     * file records the options built with, so a distribution built otherwise is built again. Serialised by a
     * file lock: two data directories may start at once and share the distribution.
     */
    private void build(Path home) throws IOException {
        Path marker = home.resolve(".cloudpacs-build");
        String options = String.join(" ", BUILD_OPTIONS) + "\n" + QUARKUS_PROPERTIES;
        try (FileChannel ch = FileChannel.open(home.resolve(".cloudpacs-build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
            if (Files.exists(marker) && Files.readString(marker).equals(options)) {
                return;
            }
            Files.writeString(home.resolve("conf/quarkus.properties"), QUARKUS_PROPERTIES);
            List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "build"));
            cmd.addAll(BUILD_OPTIONS);
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("build.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Procs.devNull()));
            environment(pb);
            Process p = pb.start();
            try {
                if (!p.waitFor(BUILD_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("kc.sh build timed out after " + BUILD_TIMEOUT + "; see "
                            + dir.resolve("build.log"));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted building Keycloak", e);
            }
            if (p.exitValue() != 0) {
                throw new IOException("kc.sh build exited with " + p.exitValue() + "; " + dir.resolve("build.log")
                        + ":\n" + Procs.tail(dir.resolve("build.log"), 20));
            }
            Files.writeString(marker, options);
        }
    }

    /** kc.sh runs the server as its child and forwards SIGTERM to it; we track the JVM itself. */
    private long serverPid(Process launcher) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> jvm = launcher.toHandle().descendants()
                    .filter(h -> h.info().commandLine().map(l -> l.contains(marker())).orElse(false))
                    .findFirst();
            if (jvm.isPresent()) {
                return jvm.get().pid();
            }
            if (!launcher.isAlive()) {
                throw new IOException("Keycloak exited with " + launcher.exitValue() + "; " + log() + ":\n"
                        + Procs.tail(log(), 30));
            }
            Procs.sleep(50);
        }
        throw new IOException("Keycloak's JVM did not appear; see " + log());
    }

    private void awaitReady(Process launcher, int managementPort) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready(managementPort)) {
            if (!launcher.isAlive()) {
                throw new IOException("Keycloak exited with " + launcher.exitValue() + "; " + log() + ":\n"
                        + Procs.tail(log(), 30));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Keycloak not ready after " + START_TIMEOUT + "; see " + log());
            }
            Procs.sleep(250);
        }
    }

    private boolean ready(int managementPort) {
        if (managementPort <= 0) {
            return false;
        }
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url(managementPort) + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates realm {@code cloudpacs} through the admin API unless it exists; the users' passwords go to the state. */
    private void ensureRealm(InfraState state, int port) throws IOException {
        String base = url(port);
        String admin = passwordGrant(base, "master", "admin-cli", BOOTSTRAP_ADMIN,
                state.get(InfraState.KEYCLOAK_ADMIN_PASSWORD));
        HttpResponse<String> existing = send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + REALM))
                .header("Authorization", "Bearer " + admin).build());
        if (existing.statusCode() == 200) {
            return;
        }
        if (existing.statusCode() != 404) {
            throw new IOException("Keycloak answered " + existing.statusCode() + " looking up realm " + REALM);
        }
        String realm = realmTemplate();
        for (String user : USERS.keySet()) {
            realm = realm.replace("@" + user + "@", state.secret(InfraState.keycloakUserPassword(user)));
        }
        state.save(); // the passwords are kept before Keycloak holds them
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/admin/realms"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realm)).build());
        if (created.statusCode() != 201) {
            throw new IOException("Keycloak refused realm " + REALM + ": HTTP " + created.statusCode() + " "
                    + created.body());
        }
    }

    private String passwordGrant(String base, String realm, String client, String user, String password)
            throws IOException {
        return passwordGrant(base + "/realms/" + realm + "/protocol/openid-connect/token", client, user, password);
    }

    /** An access token from {@code tokenEndpoint} (password grant of {@code client}). */
    String passwordGrant(String tokenEndpoint, String client, String user, String password) throws IOException {
        String form = Stream.of(Map.entry("grant_type", "password"), Map.entry("client_id", client),
                        Map.entry("username", user), Map.entry("password", password))
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            // The server's answer names the error (invalid_grant, ...); it never contains the password.
            throw new IOException("Keycloak refused a token for '" + user + "' (" + tokenEndpoint + "): HTTP "
                    + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest rq) throws IOException {
        try {
            return http.send(rq, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted talking to Keycloak", e);
        }
    }

    private static String realmTemplate() throws IOException {
        try (InputStream in = KeycloakServer.class.getResourceAsStream("cloudpacs-realm.json")) {
            if (in == null) {
                throw new IOException("cloudpacs-realm.json is missing from local-infra");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The unpacked distribution: the override, else {@code keycloak/keycloak-*} next to this code (target/classes
     * or the jar in target/), else {@code local-infra/target/keycloak/keycloak-*} in the working directory or one
     * of its parents.
     */
    static Path locateHome() throws IOException {
        String override = Optional.ofNullable(System.getProperty(HOME_PROPERTY)).orElse(System.getenv(HOME_ENV));
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (Files.isRegularFile(p.resolve("bin/kc.sh"))) {
                return p;
            }
            throw new IOException("no Keycloak distribution at " + p + " (" + HOME_PROPERTY + " / " + HOME_ENV + ")");
        }
        List<Path> candidates = new ArrayList<>();
        try {
            Path code = Path.of(KeycloakServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            candidates.add(code.resolveSibling("keycloak"));
        } catch (URISyntaxException | RuntimeException e) {
            // no usable code source; fall back to the working directory
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            candidates.add(d.resolve("local-infra/target/keycloak"));
        }
        for (Path c : candidates) {
            if (Files.isDirectory(c)) {
                try (Stream<Path> s = Files.list(c)) {
                    Optional<Path> home = s.filter(p -> p.getFileName().toString().startsWith("keycloak-")
                            && Files.isRegularFile(p.resolve("bin/kc.sh"))).sorted().reduce((a, b) -> b);
                    if (home.isPresent()) {
                        return home.get();
                    }
                }
            }
        }
        throw new IOException("Keycloak distribution not found (looked in " + candidates.get(0) + " and the like);"
                + " unpack it with `./mvnw -pl local-infra package` or set -D" + HOME_PROPERTY + " / " + HOME_ENV);
    }
}
