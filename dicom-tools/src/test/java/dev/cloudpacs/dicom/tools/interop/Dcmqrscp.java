package dev.cloudpacs.dicom.tools.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts DCMTK's dcmqrscp (the Q/R archive "central test node") with a config written for the test. */
final class Dcmqrscp {
    private Dcmqrscp() {
    }

    /**
     * Writes {@code dir/dcmqrscp.cfg} with one AE {@code aeTitle} storing into {@code dir/db} and a
     * HostTable entry for each move destination (AE title to loopback port), then starts dcmqrscp
     * (one forked child per association, its default) on {@code port}.
     */
    static DcmtkNet.Server start(Path dir, String aeTitle, int port, Map<String, Integer> moveDestinations)
            throws IOException {
        Path db = Files.createDirectories(dir.resolve("db"));
        StringBuilder hosts = new StringBuilder();
        int n = 0;
        for (var e : moveDestinations.entrySet()) {
            hosts.append("dest").append(n++).append(" = (").append(e.getKey()).append(", ").append(DcmtkNet.HOST)
                    .append(", ").append(e.getValue()).append(")\n");
        }
        String cfg = "NetworkTCPPort  = " + port + "\n"
                + "MaxPDUSize      = 16384\n"
                + "MaxAssociations = 16\n\n"
                + "HostTable BEGIN\n" + hosts + "HostTable END\n\n"
                + "VendorTable BEGIN\nVendorTable END\n\n"
                + "AETable BEGIN\n" + aeTitle + " " + db + " RW (200, 1024mb) ANY\nAETable END\n";
        Path config = dir.resolve("dcmqrscp.cfg");
        Files.writeString(config, cfg);
        return DcmtkNet.start(dir, port, "dcmqrscp", "-c", config.toString(), Integer.toString(port));
    }
}
