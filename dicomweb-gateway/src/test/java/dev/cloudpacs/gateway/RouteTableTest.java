package dev.cloudpacs.gateway;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DICOMweb route table: its format, and that each kind of request has exactly one route. */
class RouteTableTest {
    @Test
    void everyDicomwebRequestHasExactlyOneRouteToItsService() {
        RouteTable t = RouteTable.dicomweb();
        Set<RouteTable.Route> used = new HashSet<>();
        for (RouteTable.Example e : RouteTable.dicomwebExamples()) {
            List<RouteTable.Route> m = t.matching(e.method(), e.path());
            if (e.service().isEmpty()) {
                assertEquals(List.of(), m, e.method() + " " + e.path());
                continue;
            }
            assertEquals(1, m.size(), e.method() + " " + e.path() + " matches " + m);
            assertEquals(e.service().get(), m.get(0).service(), e.method() + " " + e.path());
            used.add(m.get(0));
        }
        assertEquals(new HashSet<>(t.routes()), used, "every route has an example");
        assertEquals(List.of("dimse-ingest", "query-service", "retrieve-service"), List.copyOf(t.services()));
    }

    @Test
    void pathMatchesFollowTheGatewayApi() {
        RouteTable t = RouteTable.parse("""
                # comment
                GET  PathPrefix         /wado/      a
                GET  Exact              /x          b
                GET  RegularExpression  /r/[0-9]+   c
                """);
        assertEquals(3, t.routes().size());
        for (String p : List.of("/wado", "/wado/", "/wado/x/y")) {
            assertEquals("a", t.route("GET", p).orElseThrow().service(), p);
        }
        assertTrue(t.route("GET", "/wadox").isEmpty());
        assertTrue(t.route("GET", "/x/").isEmpty(), "Exact is exact");
        assertTrue(t.route("GET", "/r/12").isPresent());
        assertTrue(t.route("GET", "/r/12/3").isEmpty(), "a regular expression matches the whole path");
        assertTrue(t.route("GET", "/pre/r/12").isEmpty());
        assertTrue(t.route("POST", "/x").isEmpty());
        assertEquals(Set.of("GET"), t.methods("/x"));
        assertTrue(t.routes().get(0).matches("GET", "/wado/1"));
        assertEquals(2, t.routes().get(0).line());
    }

    @Test
    void malformedTablesNameTheLine() {
        Map<String, String> bad = Map.of(
                "GET Exact /x", "line 1: expected METHOD MATCH PATH SERVICE",
                "FETCH Exact /x a", "line 1: unknown method 'FETCH'",
                "get Exact /x a", "line 1: unknown method 'get'",
                "GET Prefix /x a", "line 1: unknown match type 'Prefix'",
                "GET Exact x a", "line 1: path 'x' does not start with /",
                "GET RegularExpression /(x a", "line 1: bad regular expression '/(x'",
                "GET Exact /x Query_Service", "line 1: 'Query_Service' is not a service name",
                "\nGET Exact /x a\nGET Exact /x b", "line 3: GET /x is listed twice",
                "# nothing\n", "no routes");
        bad.forEach((text, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(text), text);
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
        });
    }
}
