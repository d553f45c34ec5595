package dev.cloudpacs.localinfra;

import java.nio.file.Path;

/**
 * {@code java -jar local-infra.jar start|stop|status|keycloak DIR} and {@code token DIR [--user U | --role R]}.
 *
 * <p>{@code start} returns once both servers accept clients and leaves them running; it and {@code status}
 * print {@code kafka=127.0.0.1:PORT jdbc=jdbc:postgresql://127.0.0.1:PORT/pacs user=pacs} (the password is in
 * {@code DIR/infra.properties}, key {@code db.password}). {@code keycloak} starts them and the identity provider
 * (or reuses what runs) and prints {@code keycloak=URL issuer=URL}; {@code token} prints an access token of a
 * local user ({@code admin} unless named; {@code --role} picks the user standing for that role). {@code stop}
 * stops all three. Exit codes: 0 ok (for {@code status}: Kafka and PostgreSQL up), 1 failure, 2 usage,
 * 3 {@code status} found something down.
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
        if (args.length >= 2 && args[0].equals("token")) {
            return token(Path.of(args[1]), java.util.Arrays.copyOfRange(args, 2, args.length));
        }
        if (args.length != 2) {
            System.err.println(USAGE);
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
                            + " kafka.up=" + s.kafkaUp() + " postgres.up=" + s.postgresUp()
                            + s.identityProvider().map(Main::keycloak).map(k -> " " + k).orElse(""));
                    return s.up() ? 0 : 3;
                }
                case "keycloak" -> {
                    LocalInfra infra = LocalInfra.start(dir);
                    System.out.println(keycloak(infra.identityProvider()));
                    return 0;
                }
                default -> {
                    System.err.println(USAGE);
                    return 2;
                }
            }
        } catch (Exception e) {
            System.err.println("local-infra " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static final String USAGE = "usage: local-infra start|stop|status|keycloak DIR\n"
            + "       local-infra token DIR [--user USER | --role ROLE]";

    private static int token(Path dir, String[] options) {
        String user = "admin";
        if (options.length == 2 && options[0].equals("--user")) {
            user = options[1];
        } else if (options.length == 2 && options[0].equals("--role")) {
            String role = options[1];
            var match = LocalInfra.IdentityProvider.USERS.entrySet().stream()
                    .filter(e -> e.getValue().equals(role)).map(java.util.Map.Entry::getKey).findFirst();
            if (match.isEmpty()) {
                System.err.println("local-infra token: no role '" + role + "' (roles: "
                        + String.join(", ", new java.util.TreeSet<>(LocalInfra.IdentityProvider.USERS.values())) + ")");
                return 2;
            }
            user = match.get();
        } else if (options.length != 0) {
            System.err.println(USAGE);
            return 2;
        }
        // Only the token on stdout and only trouble on stderr: scripts use $(./pacs token).
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("dev.cloudpacs.localinfra");
        quiet.setLevel(java.util.logging.Level.WARNING);
        try {
            if (LocalInfra.status(dir).identityProvider().isEmpty()) {
                System.err.println("local-infra token: no identity provider runs for " + dir
                        + " (local-infra keycloak, or ./pacs up, starts one)");
                return 1;
            }
            LocalInfra infra = LocalInfra.start(dir); // attaches to what runs
            System.out.println(infra.token(user));
            return 0;
        } catch (Exception e) {
            System.err.println("local-infra token failed: " + e.getMessage());
            return 1;
        }
    }

    private static String keycloak(LocalInfra.IdentityProvider idp) {
        return "keycloak=" + idp.url() + " issuer=" + idp.issuer();
    }

    private static String endpoints(String kafka, String jdbc) {
        return "kafka=" + kafka + " jdbc=" + jdbc + " user=" + PostgresServer.USER;
    }
}
