package dev.cloudpacs.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudpacs.gateway.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.cloudpacs.k8s.ManifestsTest.named;
import static dev.cloudpacs.k8s.ManifestsTest.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DICOMweb routing in Kubernetes is the route table of the local gateway (dicomweb-gateway's
 * dicomweb-routes.tsv): the HTTPRoute "dicomweb" has one match per route, with the route's method, path
 * match and service (at the Service's http port), and nothing else; real requests reach the right
 * service through it, each by exactly one match.
 */
class DicomwebRouteTest {
    static final Set<String> DICOMWEB_SERVICES = Set.of("dimse-ingest", "query-service", "retrieve-service");

    static JsonNode route(List<JsonNode> objects) {
        return named(objects, "HTTPRoute", "dicomweb");
    }

    static String host(List<JsonNode> objects) {
        JsonNode hostnames = route(objects).path("spec").path("hostnames");
        assertEquals(1, hostnames.size(), "one host for all of DICOMweb");
        return hostnames.path(0).asText();
    }

    static String listener(List<JsonNode> objects) {
        return route(objects).path("spec").path("parentRefs").path(0).path("sectionName").asText("http");
    }

    static int httpPort(List<JsonNode> objects, String service) {
        for (JsonNode p : named(objects, "Service", service).path("spec").path("ports")) {
            if (p.path("name").asText().equals("http")) {
                return p.path("port").asInt();
            }
        }
        throw new AssertionError(service + " has no http port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void theHttpRouteIsTheRouteTableMatchForMatch(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        assertEquals(0, ofKind(objects, "Ingress").count(), "DICOMweb is routed by the HTTPRoute alone");
        List<String> expected = new ArrayList<>();
        for (RouteTable.Route r : RouteTable.dicomweb().routes()) {
            expected.add(r.method() + " " + r.type().apiName() + " " + r.path() + " -> " + r.service() + ":"
                    + httpPort(objects, r.service()));
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode rule : route(objects).path("spec").path("rules")) {
            JsonNode backends = rule.path("backendRefs");
            assertEquals(1, backends.size(), "one backend per rule: " + rule);
            JsonNode b = backends.path(0);
            assertEquals("Service", b.path("kind").asText("Service"), rule.toString());
            assertFalse(rule.has("filters"), "no filters: " + rule);
            assertTrue(DICOMWEB_SERVICES.contains(b.path("name").asText()), rule.toString());
            for (JsonNode m : rule.path("matches")) {
                List<String> fields = new ArrayList<>();
                m.fieldNames().forEachRemaining(fields::add);
                assertEquals(Set.of("method", "path"), Set.copyOf(fields), "a match is a method and a path: " + m);
                actual.add(m.path("method").asText() + " " + m.path("path").path("type").asText() + " "
                        + m.path("path").path("value").asText() + " -> " + b.path("name").asText() + ":" + b.path("port").asInt());
            }
        }
        assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(),
                "the HTTPRoute dicomweb says what dicomweb-gateway's dicomweb-routes.tsv says");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void requestsReachTheirServiceByExactlyOneMatch(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        GatewayApiRouter router = new GatewayApiRouter(objects);
        String host = host(objects);
        String listener = listener(objects);
        for (RouteTable.Example e : RouteTable.dicomwebExamples()) {
            String request = e.method() + " " + e.path();
            if (e.service().isEmpty()) {
                assertEquals(Optional.empty(), router.route(host, listener, e.method(), e.path()), request);
                continue;
            }
            List<GatewayApiRouter.Candidate> c = router.candidates(host, listener, e.method(), e.path());
            assertEquals(1, c.size(), request + ": " + c);
            assertEquals(e.service().get(), c.get(0).target(), request);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void streamsHaveNoOverallTimeoutAndTheRouteNamesItsGateway(String dir) {
        List<JsonNode> objects = Kustomize.render(dir);
        JsonNode route = route(objects);
        for (JsonNode rule : route.path("spec").path("rules")) {
            String service = rule.path("backendRefs").path(0).path("name").asText();
            boolean preflight = rule.findValues("method").stream().allMatch(m -> m.asText().equals("OPTIONS"));
            // STOW-RS (dimse-ingest) and WADO-RS/URI (retrieve-service) move GB-sized bodies.
            if (!preflight && !service.equals("query-service")) {
                assertEquals("0s", rule.path("timeouts").path("request").asText(), "STOW and WADO streams: " + rule);
            }
        }
        JsonNode parents = route.path("spec").path("parentRefs");
        assertEquals(1, parents.size());
        assertEquals("Gateway", parents.path(0).path("kind").asText());
        assertEquals("gateway.networking.k8s.io", parents.path(0).path("group").asText());
        assertFalse(parents.path(0).path("name").asText().isEmpty());
    }

    @Test
    void prodServesHttpsAndRedirectsHttp() {
        List<JsonNode> objects = Kustomize.render("overlays/prod");
        String host = host(objects);
        assertEquals("https", listener(objects));
        GatewayApiRouter router = new GatewayApiRouter(objects);
        assertEquals(Optional.of("redirect:https"), router.route(host, "http", "GET", "/dicomweb/studies"));
        assertEquals(Optional.of("redirect:https"), router.route(host, "http", "POST", "/dicomweb/studies"));
        assertEquals(Optional.of("query-service"), router.route(host, "https", "GET", "/dicomweb/studies"));
        JsonNode redirect = named(objects, "HTTPRoute", "dicomweb-https-redirect");
        assertEquals(route(objects).path("spec").path("hostnames"), redirect.path("spec").path("hostnames"));
        // The Gateway's namespace is the one the ReferenceGrant trusts and the network policy admits.
        String gatewayNamespace = route(objects).path("spec").path("parentRefs").path(0).path("namespace").asText();
        assertEquals(gatewayNamespace, redirect.path("spec").path("parentRefs").path(0).path("namespace").asText());
        JsonNode grant = named(objects, "ReferenceGrant", "gateway-reads-cloudpacs-web-tls");
        assertEquals(gatewayNamespace, grant.path("spec").path("from").path(0).path("namespace").asText());
        assertEquals("Gateway", grant.path("spec").path("from").path(0).path("kind").asText());
        assertEquals("Secret", grant.path("spec").path("to").path(0).path("kind").asText());
        assertEquals("cloudpacs-web-tls", grant.path("spec").path("to").path(0).path("name").asText());
        JsonNode policy = named(objects, "NetworkPolicy", "cloudpacs-ingress-from-gateway");
        assertEquals(List.of(gatewayNamespace), policy.findValues("kubernetes.io/metadata.name").stream().map(JsonNode::asText).toList());
    }
}
