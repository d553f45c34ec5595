package dev.cloudpacs.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which service answers which HTTP request: routes of method, path match and service, read from a
 * small text table (the DICOMweb one is {@link #dicomweb()}). Path matches use the Gateway API's types
 * and semantics, so the same table can be compared with a Kubernetes HTTPRoute. Plain Java: used by the
 * local gateway and by the manifest tests.
 *
 * <p>Routes are meant to be disjoint (no request matches two); {@link #matching} lets tests check that.
 */
public final class RouteTable {
    /** The classpath resource of the DICOMweb routes. */
    public static final String DICOMWEB_RESOURCE = "/dev/cloudpacs/gateway/dicomweb-routes.tsv";

    /** The classpath resource of the example requests every DICOMweb routing is checked against. */
    public static final String DICOMWEB_EXAMPLES_RESOURCE = "/dev/cloudpacs/gateway/dicomweb-route-examples.tsv";

    /** The HTTP methods a Gateway API HTTPRouteMatch may name. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** A Gateway API path match type (HTTPPathMatch.type), with its matching rule. */
    public enum MatchType {
        /** The whole path equals the value. */
        EXACT("Exact"),
        /** The path's leading segments equal the value's (a trailing slash of the value is ignored). */
        PATH_PREFIX("PathPrefix"),
        /** The whole path matches the regular expression. */
        REGULAR_EXPRESSION("RegularExpression");

        private final String apiName;

        MatchType(String apiName) {
            this.apiName = apiName;
        }

        /** The name the Gateway API uses ({@code Exact}, {@code PathPrefix}, {@code RegularExpression}). */
        public String apiName() {
            return apiName;
        }

        /** The type of a Gateway API name. */
        public static MatchType ofApiName(String name) {
            for (MatchType t : values()) {
                if (t.apiName.equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown match type '" + name + "' (Exact, PathPrefix or RegularExpression)");
        }
    }

    /**
     * One route.
     *
     * @param method  the HTTP method, upper case
     * @param type    how {@code path} is matched
     * @param path    the path, prefix or regular expression
     * @param service the service that answers
     * @param line    the line of the table it comes from (1-based; 0 when built in code)
     */
    public record Route(String method, MatchType type, String path, String service, int line) {
        /** Validates the route; a regular expression must compile. */
        public Route {
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("unknown method '" + method + "'");
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path '" + path + "' does not start with /");
            }
            if (!SERVICE.matcher(service).matches()) {
                throw new IllegalArgumentException("'" + service + "' is not a service name");
            }
            if (type == MatchType.REGULAR_EXPRESSION) {
                try {
                    Pattern.compile(path);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("bad regular expression '" + path + "': " + e.getDescription());
                }
            }
        }

        /** Whether this route takes {@code method} on {@code path} (a path without query string). */
        public boolean matches(String method, String path) {
            return this.method.equals(method) && matchesPath(path);
        }

        /** Whether the path alone matches. */
        public boolean matchesPath(String p) {
            return switch (type) {
                case EXACT -> p.equals(path);
                case PATH_PREFIX -> {
                    String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                    yield prefix.isEmpty() || p.equals(prefix) || p.startsWith(prefix + "/");
                }
                case REGULAR_EXPRESSION -> regex().matcher(p).matches();
            };
        }

        private Pattern regex() {
            return Pattern.compile(path);
        }
    }

    private final List<Route> routes;
    private final List<Pattern> patterns;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.patterns = this.routes.stream()
                .map(r -> r.type() == MatchType.REGULAR_EXPRESSION ? Pattern.compile(r.path()) : null).toList();
    }

    /**
     * An example request and the service that must answer it.
     *
     * @param method  the HTTP method
     * @param path    the request path, without query string
     * @param service the service, or empty when no route may take the request
     */
    public record Example(String method, String path, Optional<String> service) {
    }

    /** The DICOMweb routes of CloudPACS ({@link #DICOMWEB_RESOURCE}). */
    public static RouteTable dicomweb() {
        return parse(resource(DICOMWEB_RESOURCE));
    }

    /**
     * The example requests of the DICOMweb routes ({@link #DICOMWEB_EXAMPLES_RESOURCE}): one of every kind
     * a client sends, and requests no route may take. Every routing of the table (this class, the local
     * gateway, the Kubernetes HTTPRoute) is checked against them.
     */
    public static List<Example> dicomwebExamples() {
        List<Example> examples = new ArrayList<>();
        forEachRow(resource(DICOMWEB_EXAMPLES_RESOURCE), (number, f, line) -> {
            if (f.length != 3) {
                throw new IllegalArgumentException(DICOMWEB_EXAMPLES_RESOURCE + " line " + number
                        + ": expected METHOD PATH SERVICE, got '" + line + "'");
            }
            examples.add(new Example(f[0], f[1], f[2].equals("-") ? Optional.empty() : Optional.of(f[2])));
        });
        return examples;
    }

    /** One row of a table file: its line number, its fields and the line itself. */
    @FunctionalInterface
    private interface Row {
        void accept(int number, String[] fields, String line);
    }

    /** Calls {@code row} for each line of {@code text} that is not blank or a {@code #} comment. */
    private static void forEachRow(String text, Row row) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                row.accept(i + 1, line.split("\\s+"), line);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = RouteTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a table: one route a line, {@code METHOD MATCH PATH SERVICE} separated by tabs or spaces;
     * blank lines and lines starting with {@code #} are ignored.
     *
     * @throws IllegalArgumentException naming the line of a malformed or repeated route
     */
    public static RouteTable parse(String text) {
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        forEachRow(text, (number, f, line) -> {
            if (f.length != 4) {
                throw new IllegalArgumentException("line " + number + ": expected METHOD MATCH PATH SERVICE, got '" + line + "'");
            }
            Route r;
            try {
                r = new Route(f[0], MatchType.ofApiName(f[1]), f[2], f[3], number);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
            if (!seen.add(r.method() + " " + r.type() + " " + r.path())) {
                throw new IllegalArgumentException("line " + number + ": " + r.method() + " " + r.path() + " is listed twice");
            }
            routes.add(r);
        });
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no routes");
        }
        return new RouteTable(routes);
    }

    /** The routes, in table order. */
    public List<Route> routes() {
        return routes;
    }

    /** The services the routes name, in table order. */
    public Set<String> services() {
        Set<String> s = new LinkedHashSet<>();
        routes.forEach(r -> s.add(r.service()));
        return s;
    }

    /** Every route that takes {@code method} on {@code path}: one for a routed request, none otherwise. */
    public List<Route> matching(String method, String path) {
        List<Route> m = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            if (matches(i, method, path)) {
                m.add(routes.get(i));
            }
        }
        return m;
    }

    /** The route for {@code method} on {@code path} (the first, should routes overlap). */
    public Optional<Route> route(String method, String path) {
        for (int i = 0; i < routes.size(); i++) {
            if (matches(i, method, path)) {
                return Optional.of(routes.get(i));
            }
        }
        return Optional.empty();
    }

    /** The methods some route takes on {@code path} (for a 405's Allow header). */
    public Set<String> methods(String path) {
        Set<String> m = new LinkedHashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            if (matchesPath(i, path)) {
                m.add(routes.get(i).method());
            }
        }
        return m;
    }

    private boolean matches(int i, String method, String path) {
        return routes.get(i).method().equals(method) && matchesPath(i, path);
    }

    private boolean matchesPath(int i, String path) {
        Pattern p = patterns.get(i);
        return p != null ? p.matcher(path).matches() : routes.get(i).matchesPath(path);
    }
}
