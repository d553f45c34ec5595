package dev.cloudpacs.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model of how ingress-nginx picks the backend of a request path, to check the DICOMweb routing:
 * per host, when any Ingress of the host has {@code nginx.ingress.kubernetes.io/use-regex: "true"},
 * every path of the host becomes a case-insensitive regex location {@code ~* "^<path>"}, the locations
 * are written longest path first and nginx takes the first that matches; otherwise Exact and Prefix
 * paths match as the Ingress API defines (the longest matching prefix wins). Only the path is
 * matched, never the query string or the method.
 */
final class IngressNginxRouter {
    private record Route(String path, String pathType, String service, boolean regex) {
    }

    private final List<JsonNode> ingresses;

    IngressNginxRouter(List<JsonNode> objects) {
        this.ingresses = objects.stream().filter(o -> o.path("kind").asText().equals("Ingress")).toList();
    }

    /** The Service that serves {@code path} on {@code host}, if any. */
    Optional<String> route(String host, String path) {
        boolean regex = ingresses.stream()
                .filter(i -> hosts(i).contains(host))
                .anyMatch(i -> i.path("metadata").path("annotations")
                        .path("nginx.ingress.kubernetes.io/use-regex").asText().equals("true"));
        List<Route> routes = new ArrayList<>();
        for (JsonNode ing : ingresses) {
            for (JsonNode rule : ing.path("spec").path("rules")) {
                if (!rule.path("host").asText().equals(host)) {
                    continue;
                }
                for (JsonNode p : rule.path("http").path("paths")) {
                    routes.add(new Route(p.path("path").asText(), p.path("pathType").asText(),
                            p.path("backend").path("service").path("name").asText(), regex));
                }
            }
        }
        if (regex) {
            return routes.stream()
                    .sorted(Comparator.comparingInt((Route r) -> r.path().length()).reversed())
                    .filter(r -> Pattern.compile("^" + r.path(), Pattern.CASE_INSENSITIVE).matcher(path).find())
                    .map(Route::service)
                    .findFirst();
        }
        return routes.stream()
                .filter(r -> r.pathType().equals("Exact") ? path.equals(r.path()) : prefixMatch(r.path(), path))
                .max(Comparator.comparingInt((Route r) -> r.path().length()))
                .map(Route::service);
    }

    private static boolean prefixMatch(String prefix, String path) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(p) || path.startsWith(p + "/") || p.isEmpty();
    }

    private static List<String> hosts(JsonNode ingress) {
        List<String> hosts = new ArrayList<>();
        ingress.path("spec").path("rules").forEach(r -> hosts.add(r.path("host").asText()));
        return hosts;
    }
}
