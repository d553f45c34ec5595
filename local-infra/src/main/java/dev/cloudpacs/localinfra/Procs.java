package dev.cloudpacs.localinfra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Process and loopback-port helpers shared by the Kafka and PostgreSQL launchers. */
final class Procs {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final String HOST = "127.0.0.1";

    private Procs() {
    }

    /** Whether {@code pid} runs and is not a zombie (an orphan whose exit nobody reaped yet is as good as gone). */
    static boolean alive(long pid) {
        if (pid <= 0) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            // Format: "pid (comm) S ..."; comm may contain spaces or parentheses, so parse after the last ')'.
            String s = Files.readString(stat, StandardCharsets.UTF_8);
            int close = s.lastIndexOf(')');
            return close < 0 || close + 2 >= s.length() || s.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return !Files.exists(Path.of("/proc/self")) && handle.get().isAlive(); // no procfs (macOS)
        }
    }

    /**
     * Whether {@code pid} is alive and its command line mentions {@code marker} (a path only our process has on
     * its command line), so a recycled pid never gets mistaken for our server, or signalled.
     */
    static boolean aliveWith(long pid, String marker) {
        if (!alive(pid)) {
            return false;
        }
        Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
        Optional<String> line = info.flatMap(ProcessHandle.Info::commandLine)
                .or(() -> info.flatMap(ProcessHandle.Info::arguments).map(a -> String.join(" ", a)));
        // Linux shows every own (or, as root, any) process's command line; where it is hidden, trust the pid.
        return line.map(l -> l.contains(marker)).orElse(true);
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean portAnswers(int port) {
        if (port <= 0) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Distinct loopback ports that are free now, one per entry of {@code preferred}: the preferred port when it
     * can be bound (so endpoints stay stable across restarts of the same data directory), else one the OS picks.
     * All sockets stay open until every port is chosen, so the OS cannot hand out one port twice.
     */
    static int[] freePorts(int... preferred) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[preferred.length];
            for (int i = 0; i < preferred.length; i++) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                try {
                    s.bind(new InetSocketAddress(LOOPBACK, Math.max(preferred[i], 0)));
                } catch (IOException busy) {
                    s.close();
                    s = new ServerSocket(0, 1, LOOPBACK);
                    held.add(s);
                }
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** Waits until {@code pid} is gone; true if it exited within {@code timeout}. */
    static boolean awaitExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(100);
        }
        return true;
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; true if the process is gone afterwards. */
    static boolean terminate(long pid, Duration grace) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !alive(pid)) {
            return true;
        }
        h.get().destroy();
        if (awaitExit(pid, grace)) {
            return true;
        }
        h.get().destroyForcibly();
        return awaitExit(pid, Duration.ofSeconds(10));
    }

    /**
     * Runs a short-lived command to completion with stdout and stderr appended to {@code log}.
     *
     * @throws IOException when it fails or times out; the message carries the log's tail
     */
    static void run(List<String> command, Path log, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(devNull()))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " timed out after " + timeout + "; see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command.get(0) + " exited with " + p.exitValue() + "; " + log + ":\n" + tail(log, 20));
        }
    }

    /** Keeps one previous generation of a log that only ever gets appended to: {@code x.log} -> {@code x.log.1}. */
    static void rotate(Path log, long maxBytes) throws IOException {
        if (Files.exists(log) && Files.size(log) > maxBytes) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The last {@code lines} lines of a text file, for error messages. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static File devNull() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** First executable named {@code name} on PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
