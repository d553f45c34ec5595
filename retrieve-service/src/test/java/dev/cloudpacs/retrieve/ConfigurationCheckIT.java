package dev.cloudpacs.retrieve;

import dev.cloudpacs.localinfra.LocalInfra;
import dev.cloudpacs.testkit.ArchiveProcesses;
import dev.cloudpacs.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service given configuration values out of range does not start, and its log names each property
 * with the rule it breaks (the constraints on PacsConfig; every service shares them).
 */
class ConfigurationCheckIT {

    @Test
    void valuesOutOfRangeStopTheServiceAtStartNamingEachProperty() throws Exception {
        Path log = Path.of("target/configuration-check.log");
        Files.deleteIfExists(log);
        Path storage = Files.createTempDirectory("pacs-config-check-");
        Process p = ServiceProcess.start(".", LocalInfra.shared(), storage, log, List.of("-Xmx256m"), Map.of(
                "PACS_HTTP_PORT", Integer.toString(ArchiveProcesses.freePort()),
                "PACS_AE_TITLE", "BAD\\AE",
                "PACS_DIMSE_PORT", "70000",
                "PACS_RETRIEVE_PROGRESS_INTERVAL", "PT0S",
                "PACS_RETRIEVE_SERVICE_URL", "retrieve-service:9000"));
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the service did not stop");
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("pacs.ae-title must be an AE title"), out);
        assertTrue(out.contains("pacs.dimse.port must be less than or equal to 65535"), out);
        assertTrue(out.contains("pacs.retrieve.progress-interval must be more than 0"), out);
        assertTrue(out.contains("pacs.retrieve.service-url must be an http:// or https:// URL"), out);
    }
}
