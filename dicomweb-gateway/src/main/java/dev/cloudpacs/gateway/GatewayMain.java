package dev.cloudpacs.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar dicomweb-gateway.jar [--host HOST] [--port PORT] SERVICE=URL[,URL...]...}: runs the
 * DICOMweb gateway in the foreground until SIGTERM, routing by {@link RouteTable#dicomweb()} to each
 * service's copies, e.g. {@code query-service=http://127.0.0.1:8082,http://127.0.0.1:8182}. Defaults:
 * 127.0.0.1, port 8080. Prints one line once it listens.
 */
public final class GatewayMain {
    static final String USAGE = "usage: dicomweb-gateway [--host HOST] [--port PORT] SERVICE=URL[,URL...]...";

    private GatewayMain() {
    }

    /** Entry point; see the class description. */
    public static void main(String[] args) {
        // A long-running process: its log lines carry the time.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s gateway: %5$s%6$s%n");
        System.exit(run(List.of(args)));
    }

    /** Parses the command-line arguments; throws IllegalArgumentException with the reason. */
    static Gateway.Config config(List<String> args) {
        String host = "127.0.0.1";
        int port = 8080;
        Map<String, List<URI>> backends = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> {
                    String v = value(args, ++i, a);
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port: '" + v + "' is not a port");
                    }
                }
                default -> {
                    int eq = a.indexOf('=');
                    if (eq <= 0 || a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                    }
                    List<URI> urls = new ArrayList<>();
                    for (String u : a.substring(eq + 1).split(",")) {
                        try {
                            urls.add(new URI(u.strip()));
                        } catch (URISyntaxException e) {
                            throw new IllegalArgumentException(a.substring(0, eq) + ": '" + u + "' is not a URL");
                        }
                    }
                    backends.computeIfAbsent(a.substring(0, eq), k -> new ArrayList<>()).addAll(urls);
                }
            }
        }
        return new Gateway.Config(host, port, RouteTable.dicomweb(), backends);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** Runs the gateway until the JVM is asked to stop; returns an exit code only on failure to start. */
    public static int run(List<String> args) {
        Gateway.Config config;
        try {
            config = config(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gateway: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        // Vert.x's own warnings (blocked threads, connection errors) go to the same log as ours.
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.JULLogDelegateFactory");
        Gateway gateway;
        try {
            gateway = Gateway.start(config);
        } catch (Exception e) {
            System.err.println("gateway: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        System.out.println("gateway: http://" + config.host() + ":" + gateway.port() + "/dicomweb -> " + gateway.backends());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
