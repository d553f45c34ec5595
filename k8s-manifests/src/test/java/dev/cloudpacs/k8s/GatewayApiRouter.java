package dev.cloudpacs.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model of how a Gateway API implementation picks the rule of an HTTP request among the HTTPRoutes of
 * a host (gateway.networking.k8s.io/v1, HTTPRouteRule matching and precedence): a match takes the request
 * when its method (if any) and path match (Exact: the whole path; PathPrefix: whole leading segments;
 * RegularExpression: the whole path; no path: PathPrefix /); among the matches that take it, Exact wins,
 * then the longest PathPrefix, then one with a method. RegularExpression precedence is left to each
 * implementation: here it ranks after the others, which is why the DICOMweb routes must be disjoint
 * ({@link #candidates} lets tests check that). A route takes part when it lists the host (or none) and
 * attaches to the listener (a parentRef without sectionName attaches to all). Only method and path are
 * modelled (no headers, query parameters).
 */
final class GatewayApiRouter {
    /** One match of a rule: where it sends the request ("service" or "redirect:https"). */
    record Candidate(String type, String value, boolean hasMethod, String target) {
    }

    private final List<JsonNode> routes;

    GatewayApiRouter(List<JsonNode> objects) {
        this.routes = objects.stream().filter(o -> o.path("kind").asText().equals("HTTPRoute")).toList();
    }

    /** Where {@code method path} on {@code host} through {@code listener} goes, by the precedence above. */
    Optional<String> route(String host, String listener, String method, String path) {
        return candidates(host, listener, method, path).stream().findFirst().map(Candidate::target);
    }

    /** Every match that takes {@code method path} on {@code host} through {@code listener}, in precedence order. */
    List<Candidate> candidates(String host, String listener, String method, String path) {
        List<Candidate> found = new ArrayList<>();
        for (JsonNode route : routes) {
            boolean attached = false;
            for (JsonNode parent : route.path("spec").path("parentRefs")) {
                attached |= !parent.has("sectionName") || parent.path("sectionName").asText().equals(listener);
            }
            if (!attached) {
                continue;
            }
            JsonNode hostnames = route.path("spec").path("hostnames");
            boolean forHost = hostnames.isEmpty();
            for (JsonNode h : hostnames) {
                forHost |= h.asText().equals(host);
            }
            if (!forHost) {
                continue;
            }
            for (JsonNode rule : route.path("spec").path("rules")) {
                String target = target(rule);
                List<JsonNode> matches = new ArrayList<>();
                rule.path("matches").forEach(matches::add);
                if (matches.isEmpty()) {
                    matches.add(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
                }
                for (JsonNode m : matches) {
                    String type = m.path("path").path("type").asText("PathPrefix");
                    String value = m.path("path").path("value").asText("/");
                    boolean hasMethod = m.has("method");
                    if (hasMethod && !m.path("method").asText().equals(method)) {
                        continue;
                    }
                    if (pathMatches(type, value, path)) {
                        found.add(new Candidate(type, value, hasMethod, target));
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt((Candidate c) -> switch (c.type()) {
                    case "Exact" -> 0;
                    case "PathPrefix" -> 1;
                    default -> 2;
                })
                .thenComparing(Comparator.comparingInt((Candidate c) -> c.type().equals("PathPrefix") ? c.value().length() : 0).reversed())
                .thenComparing(c -> !c.hasMethod()));
        return found;
    }

    private static String target(JsonNode rule) {
        for (JsonNode f : rule.path("filters")) {
            if (f.path("type").asText().equals("RequestRedirect")) {
                return "redirect:" + f.path("requestRedirect").path("scheme").asText();
            }
        }
        return rule.path("backendRefs").path(0).path("name").asText();
    }

    static boolean pathMatches(String type, String value, String path) {
        return switch (type) {
            case "Exact" -> path.equals(value);
            case "PathPrefix" -> {
                String p = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                yield p.isEmpty() || path.equals(p) || path.startsWith(p + "/");
            }
            case "RegularExpression" -> Pattern.compile(value).matcher(path).matches();
            default -> throw new AssertionError("unknown path match type " + type);
        };
    }
}
