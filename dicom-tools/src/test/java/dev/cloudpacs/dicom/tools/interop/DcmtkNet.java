package dev.cloudpacs.dicom.tools.interop;

import dev.cloudpacs.dicom.core.interop.Dcmtk;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the DCMTK network tools for interoperability tests: clients with a timeout and captured output,
 * servers in the background with a bounded wait for their port, always with {@code TCP_NODELAY=1}
 * (Debian's DCMTK otherwise waits 40 ms per message for delayed ACKs) and only on loopback.
 */
final class DcmtkNet {
    static final String HOST = "127.0.0.1";
    static final List<String> TOOLS = List.of("echoscu", "storescu", "storescp", "findscu", "dcmqrscp");
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PORT_WAIT = Duration.ofSeconds(10);

    private DcmtkNet() {
    }

    /** True when DCMTK's file tools (the harness's check) and its network tools are all on the PATH. */
    static boolean available() {
        return Dcmtk.available() && TOOLS.stream().allMatch(DcmtkNet::onPath);
    }

    /**
     * Skips the calling test visibly (message on stderr and in the report) when DCMTK or one of its
     * network tools is missing. Called before each test, so every test counts as skipped.
     */
    static void assumeAvailable() {
        Dcmtk.assumeAvailable();
        for (String tool : TOOLS) {
            if (!onPath(tool)) {
                String msg = "DCMTK network tool " + tool + " not installed (apt-get install dcmtk): skipping interop test";
                System.err.println(msg);
                Assumptions.assumeTrue(false, msg);
            }
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exit status and output of a finished client. */
    record Result(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Runs a DCMTK client in {@code workDir} and waits for it (at most a minute). */
    static Result run(Path workDir, String... command) {
        try {
            Path out = Files.createTempFile(workDir, "dcmtk-", ".out");
            Path err = Files.createTempFile(workDir, "dcmtk-", ".err");
            Process p = builder(workDir, command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill(p);
                throw new AssertionError("timed out after " + CLIENT_TIMEOUT + ": " + String.join(" ", command));
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        }
    }

    private static ProcessBuilder builder(Path workDir, String... command) {
        ProcessBuilder b = new ProcessBuilder(command).directory(workDir.toFile());
        b.environment().put("TCP_NODELAY", "1");
        return b;
    }

    /** A DCMTK server running in the background; {@link #close()} kills it and any children it forked. */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final Path log;
        final int port;

        private Server(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        /** What the server printed so far (its log). */
        String log() {
            try {
                return Files.readString(log, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            kill(process);
        }
    }

    /**
     * Starts a server whose command line already names {@code port}; returns once the port accepts
     * connections (at most 10 s), failing with the server's log if it does not.
     */
    static Server start(Path workDir, int port, String... command) {
        try {
            Path log = Files.createTempFile(workDir, command[0] + "-", ".log");
            Process p = builder(workDir, command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Server server = new Server(p, log, port);
            long deadline = System.nanoTime() + PORT_WAIT.toNanos();
            while (!listening(port)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new AssertionError(String.join(" ", command) + " did not start listening on port " + port
                            + " within " + PORT_WAIT.toSeconds() + " s; log:\n" + server.log());
                }
                Thread.sleep(50);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * True when something listens on the loopback port. Reads /proc/net/tcp where it exists, so the
     * server does not see (and log) a connection that never sends an association request.
     */
    private static boolean listening(int port) {
        String hexPort = String.format(":%04X ", port);
        boolean procReadable = false;
        for (Path table : List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"))) {
            try {
                for (String line : Files.readAllLines(table)) {
                    // sl local_address rem_address st ...: state 0A is LISTEN
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && f[3].equals("0A")) {
                        return true;
                    }
                }
                procReadable = true;
            } catch (IOException e) {
                // not Linux, or no IPv6: try the other table, then connecting
            }
        }
        if (procReadable) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills a process and its descendants (dcmqrscp forks one child per association), bounded. */
    static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
