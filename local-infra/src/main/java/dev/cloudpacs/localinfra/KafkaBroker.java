package dev.cloudpacs.localinfra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker in KRaft mode (combined broker + controller), run as its own JVM from the
 * {@code kafka_2.13} jars that the build copies to {@code local-infra/target/kafka-libs}.
 *
 * <p>Layout under {@code DIR/kafka}: {@code server.properties} and {@code log4j2.properties} (rewritten on every
 * start, as the ports may change), {@code kafka.log} (the broker's stdout/stderr) and {@code data/} (log.dirs).
 * The controller quorum is static ({@code controller.quorum.voters}), not the dynamic {@code --standalone} one:
 * a dynamic quorum records the controller's endpoint in the metadata log, so the port could never change on a
 * restart when the old one is taken.
 */
final class KafkaBroker {
    /** Property or environment override for where the broker jars are. */
    static final String LIBS_PROPERTY = "localinfra.kafka.libs";
    static final String LIBS_ENV = "LOCAL_INFRA_KAFKA_LIBS";

    private static final String READY_LINE = "Kafka Server started";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final long LOG_ROTATE_BYTES = 20L << 20;

    private final Path home;

    KafkaBroker(Path dataDir) {
        this.home = dataDir.resolve("kafka");
    }

    Path log() {
        return home.resolve("kafka.log");
    }

    /** Whether the broker recorded in {@code state} runs (whether or not it answers yet). */
    boolean isRunning(InfraState state) {
        return Procs.aliveWith(state.getLong(InfraState.KAFKA_PID), config().toString());
    }

    /** Whether the broker recorded in {@code state} runs and accepts connections. */
    boolean isUp(InfraState state) {
        return isRunning(state) && Procs.portAnswers(state.getInt(InfraState.KAFKA_PORT));
    }

    private Path config() {
        return home.resolve("server.properties");
    }

    /**
     * Formats the storage on first use, starts the broker detached from this JVM and waits until it serves.
     * Updates ports, pid and cluster id in {@code state}.
     */
    void start(InfraState state, int port, int controllerPort) throws IOException {
        Path libs = locateLibs();
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Path config = writeConfig(port, controllerPort, data);
        Path log4j = writeLog4j();
        String classpath = libs.toAbsolutePath() + File.separator + "*";

        if (!Files.exists(data.resolve("meta.properties"))) {
            String clusterId = Optional.ofNullable(state.get(InfraState.KAFKA_CLUSTER_ID)).orElseGet(KafkaBroker::newClusterId);
            state.set(InfraState.KAFKA_CLUSTER_ID, clusterId);
            List<String> format = java(classpath, log4j, "WARN", "128m");
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()));
            Procs.run(format, home.resolve("format.log"), FORMAT_TIMEOUT);
        }

        List<String> cmd = new ArrayList<>();
        // setsid: the broker must not get the terminal's Ctrl-C/hang-up once `pacs up` has returned.
        // util-linux setsid execs in place (no fork) when the caller is not a group leader, so the pid is the JVM's.
        Procs.onPath("setsid").ifPresent(p -> cmd.add(p.toString()));
        cmd.addAll(java(classpath, log4j, "INFO", "512m"));
        cmd.addAll(List.of("kafka.Kafka", config.toString()));
        Procs.rotate(log(), LOG_ROTATE_BYTES);
        long logStart = Files.exists(log()) ? Files.size(log()) : 0;
        Process p = new ProcessBuilder(cmd)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Procs.devNull()))
                .start();
        state.set(InfraState.KAFKA_PID, p.pid());
        state.set(InfraState.KAFKA_PORT, port);
        state.set(InfraState.KAFKA_CONTROLLER_PORT, controllerPort);
        try {
            awaitReady(p, port, logStart);
        } catch (IOException | RuntimeException e) {
            Procs.terminate(p.pid(), Duration.ofSeconds(5));
            state.set(InfraState.KAFKA_PID, null);
            throw e;
        }
    }

    /** SIGTERM (the broker shuts down in a controlled way), SIGKILL if it is still there after 30 s. */
    void stop(InfraState state) throws IOException {
        long pid = state.getLong(InfraState.KAFKA_PID);
        if (isRunning(state) && !Procs.terminate(pid, STOP_GRACE)) {
            throw new IOException("Kafka broker pid " + pid + " did not exit");
        }
        state.set(InfraState.KAFKA_PID, null);
    }

    private void awaitReady(Process p, int port, long logStart) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("Kafka broker exited with " + p.exitValue() + "; " + log() + ":\n"
                        + Procs.tail(log(), 30));
            }
            if (logContains(logStart) && Procs.portAnswers(port)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Kafka broker not ready after " + START_TIMEOUT + "; see " + log());
            }
            Procs.sleep(200);
        }
    }

    /** Whether the part of the log written since this start says the broker is up. */
    private boolean logContains(long from) throws IOException {
        try (InputStream in = Files.newInputStream(log())) {
            in.skipNBytes(Math.min(from, Files.size(log())));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(READY_LINE);
        }
    }

    private List<String> java(String classpath, Path log4j, String level, String heap) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only: about half the CPU to get the broker up, and no C2 compiler threads competing with the
        // services later; a local broker never needs peak throughput.
        cmd.addAll(List.of("-Xms64m", "-Xmx" + heap, "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toUri(), "-Dlocalinfra.kafka.level=" + level,
                "-cp", classpath));
        return cmd;
    }

    private Path writeConfig(int port, int controllerPort, Path data) throws IOException {
        String listener = "PLAINTEXT://" + Procs.HOST + ":" + port;
        String text = String.join("\n",
                "# Generated by local-infra on every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + Procs.HOST + ":" + controllerPort,
                "listeners=" + listener + ",CONTROLLER://" + Procs.HOST + ":" + controllerPort,
                "advertised.listeners=" + listener,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                // Fewer threads than the defaults: a developer machine also runs PostgreSQL and the services.
                "num.network.threads=2",
                "num.io.threads=4",
                "background.threads=4",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.num.partitions=10",
                "");
        Path file = config();
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLog4j() throws IOException {
        // Console only: stdout already goes to kafka.log. The level comes from a system property so the storage
        // format run stays quiet (it would print the whole broker configuration at INFO).
        String text = String.join("\n",
                "rootLogger.level=${sys:localinfra.kafka.level:-INFO}",
                "rootLogger.appenderRef.out.ref=OUT",
                "appender.out.type=Console",
                "appender.out.name=OUT",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=[%d] %p %m (%c)%n",
                "logger.config.name=org.apache.kafka.common.config.AbstractConfig",
                "logger.config.level=WARN",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                "");
        Path file = home.resolve("log4j2.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A Kafka cluster id: 16 random bytes, URL-safe base64; never starting with '-' (the CLI would take it as a flag). */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        while (true) {
            byte[] b = new byte[16];
            random.nextBytes(b);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /**
     * The broker's jars: the override, else {@code kafka-libs} next to this code (target/classes or the jar in
     * target/), else {@code local-infra/target/kafka-libs} in the working directory or one of its parents (a
     * service module's tests, when local-infra comes from the local repository).
     */
    static Path locateLibs() throws IOException {
        String override = Optional.ofNullable(System.getProperty(LIBS_PROPERTY)).orElse(System.getenv(LIBS_ENV));
        List<Path> candidates = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            candidates.add(Path.of(override));
        } else {
            try {
                Path code = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                candidates.add(code.resolveSibling("kafka-libs"));
            } catch (URISyntaxException | RuntimeException e) {
                // no usable code source; fall back to the working directory
            }
            for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                candidates.add(d.resolve("local-infra/target/kafka-libs"));
            }
        }
        for (Path c : candidates) {
            if (hasBroker(c)) {
                return c;
            }
        }
        throw new IOException("Kafka broker jars not found (looked in " + candidates.get(0) + " and the like); build "
                + "them with `./mvnw -pl local-infra package` or set -D" + LIBS_PROPERTY + " / " + LIBS_ENV);
    }

    private static boolean hasBroker(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
        }
    }
}
