package dev.cloudpacs.localinfra;

import java.nio.file.Path;

/**
 * {@code java -jar local-infra.jar start|stop|status DIR}.
 *
 * <p>{@code start} returns once both servers accept clients and leaves them running; it and {@code status}
 * print {@code kafka=127.0.0.1:PORT jdbc=jdbc:postgresql://127.0.0.1:PORT/pacs user=pacs} (the password is in
 * {@code DIR/infra.properties}, key {@code db.password}). Exit codes: 0 ok (for {@code status}: both up),
 * 1 failure, 2 usage, 3 {@code status} found something down.
 */
public final class Main {
    private Main() {
    }

    /** Entry point; see the class description. */
    public static void main(String[] args) {
        // Progress lines without java.util.logging's two-line default format.
        System.setProperty("java.util.logging.SimpleFormatter.format", "local-infra: %5$s%6$s%n");
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code (separate from {@link #main} so it can be tested). */
    static int run(String... args) {
        if (args.length != 2) {
            System.err.println("usage: local-infra start|stop|status DIR");
            return 2;
        }
        Path dir = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "start" -> {
                    LocalInfra infra = LocalInfra.start(dir);
                    System.out.println(endpoints(infra.kafkaBootstrapServers(), infra.jdbcUrl()));
                    return 0;
                }
                case "stop" -> {
                    LocalInfra.stop(dir);
                    System.out.println("stopped");
                    return 0;
                }
                case "status" -> {
                    LocalInfra.Status s = LocalInfra.status(dir);
                    System.out.println(endpoints(s.kafkaBootstrapServers(), s.jdbcUrl())
                            + " kafka.up=" + s.kafkaUp() + " postgres.up=" + s.postgresUp());
                    return s.up() ? 0 : 3;
                }
                default -> {
                    System.err.println("usage: local-infra start|stop|status DIR");
                    return 2;
                }
            }
        } catch (Exception e) {
            System.err.println("local-infra " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static String endpoints(String kafka, String jdbc) {
        return "kafka=" + kafka + " jdbc=" + jdbc + " user=" + PostgresServer.USER;
    }
}
