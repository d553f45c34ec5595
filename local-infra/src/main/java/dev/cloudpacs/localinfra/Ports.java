package dev.cloudpacs.localinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Free TCP ports for processes the tests and scripts start. */
public final class Ports {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final Random RANDOM = new Random();

    private Ports() {
    }

    /**
     * A free port below the kernel's ephemeral range. A port from that range (what binding port 0 returns)
     * may be taken by an outgoing connection (JDBC, Kafka) of a starting process before the service it was
     * chosen for binds it; below the range only listeners compete. Never the same port twice per JVM.
     */
    public static synchronized int freePort() throws IOException {
        int low = ephemeralLow();
        int from = Math.max(1024, low - 12_000);
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = from + RANDOM.nextInt(low - from);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException e) {
                // taken: another one
            }
        }
        throw new IOException("no free port between " + from + " and " + low);
    }

    private static int ephemeralLow() {
        try {
            // readAllLines: Files.readString returns a truncated text for this /proc file on JDK 25.
            int low = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0)
                    .trim().split("\\s+")[0]);
            return low < 4096 ? 32768 : low;
        } catch (IOException | RuntimeException e) {
            return 32768; // not Linux: the usual default
        }
    }
}
