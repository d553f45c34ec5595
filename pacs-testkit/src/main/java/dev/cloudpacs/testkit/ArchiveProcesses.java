package dev.cloudpacs.testkit;

import dev.cloudpacs.localinfra.LocalInfra;
import dev.cloudpacs.localinfra.Ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of an archive under test: local-infra's Kafka and PostgreSQL (shared, the index emptied),
 * one storage root, and service jars started against them, each logging to
 * {@code target/<name>-under-test.log}; all stopped (and the storage removed) when the JVM exits.
 */
public final class ArchiveProcesses {
    public final LocalInfra infra;
    public final TestIndex index;
    public final Path storage;
    private final List<Process> processes = new ArrayList<>();

    /** @param name names the storage root's temporary directory */
    public ArchiveProcesses(String name) throws IOException {
        infra = LocalInfra.shared();
        index = new TestIndex(infra);
        index.empty();
        storage = Files.createTempDirectory("pacs-" + name + "-storage-");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "archive-under-test-stop"));
    }

    /**
     * Starts {@code module}'s jar (a path relative to the current module) as {@code name} on
     * {@code httpPort} and waits until it is ready.
     */
    public Process start(String name, String module, int httpPort, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("PACS_HTTP_PORT", Integer.toString(httpPort));
        Process p = ServiceProcess.start(module, infra, storage, Path.of("target/" + name + "-under-test.log"),
                List.of("-Xmx512m"), all);
        synchronized (processes) {
            processes.add(p);
        }
        ServiceProcess.awaitReady(name, p, httpPort);
        return p;
    }

    /** Starts a DIMSE front door (dimse-ingest) on {@code dimsePort} with {@code env} on top. */
    public Process startFrontDoor(String name, int dimsePort, int httpPort, Map<String, String> env)
            throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("PACS_DIMSE_PORT", Integer.toString(dimsePort));
        return start(name, "../dimse-ingest", httpPort, all);
    }

    private void stopAll() {
        synchronized (processes) {
            ServiceProcess.stopAll(processes, storage);
        }
    }

    public static int freePort() throws IOException {
        return Ports.freePort();
    }
}
