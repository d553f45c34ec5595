package dev.cloudpacs.testkit;

import dev.cloudpacs.localinfra.LocalInfra;
import dev.cloudpacs.localinfra.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service of the archive run as its own process from its built jar, as in production: pointed at
 * local-infra's Kafka and PostgreSQL and at a storage root, its output appended to a log file.
 */
public final class ServiceProcess {
    private ServiceProcess() {
    }

    /**
     * Starts {@code module}'s jar ({@code <module>/target/quarkus-app/quarkus-run.jar}, relative to the
     * current module) with {@code jvmOptions}, the infrastructure settings and {@code env}.
     */
    public static Process start(String module, LocalInfra infra, Path storage, Path log, List<String> jvmOptions,
                                Map<String, String> env) throws IOException {
        Path jar = Path.of(module, "target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the end-to-end tests run after packaging"
                    + " (./mvnw verify builds it)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toAbsolutePath().toFile()));
        Map<String, String> e = pb.environment();
        e.put("PACS_DB_URL", infra.jdbcUrl());
        e.put("PACS_DB_USER", infra.dbUser());
        e.put("PACS_DB_PASSWORD", infra.dbPassword());
        e.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        e.put("PACS_STORAGE_ROOT", storage.toString());
        // Every process its own management port (metrics, internal endpoints) unless the caller chose one.
        e.put("PACS_MANAGEMENT_PORT", Integer.toString(Ports.freePort()));
        // The jars run the prod profile, whose calling-AE allowlist is on; the tests' peers connect under
        // titles of their own (the allowlist has its own tests).
        e.put("PACS_DIMSE_CHECK_CALLING_AE", "false");
        // Access control as in production: the local identity provider's tokens.
        e.put("PACS_OIDC_ISSUER", infra.identityProvider().issuer());
        e.putAll(env);
        return pb.start();
    }

    /** Waits until the service answers ready on {@code port}; fails fast when the process exits. */
    public static void awaitReady(String name, Process p, int port) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + "; see its log in target/");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            sleep(300);
        }
        throw new IllegalStateException(name + " did not become ready within 120 s; see its log in target/");
    }

    /** Stops the processes (SIGTERM, then SIGKILL after 30 s) and removes the storage root. */
    public static void stopAll(Collection<Process> processes, Path storage) {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (storage != null) {
            try (var files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                System.err.println("cannot remove " + storage + ": " + e.getMessage());
            }
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
