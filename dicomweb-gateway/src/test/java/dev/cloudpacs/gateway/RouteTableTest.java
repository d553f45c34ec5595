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
    /** One request of every DICOMweb kind (method, path) and the service that must answer it. */
    static final List<String[]> EXAMPLES = List.of(
            // STOW-RS
            new String[] {"POST", "/dicomweb/studies", "dimse-ingest"},
            new String[] {"POST", "/dicomweb/studies/1.2.3", "dimse-ingest"},
            // QIDO-RS
            new String[] {"GET", "/dicomweb/studies", "query-service"},
            new String[] {"GET", "/dicomweb/studies/", "query-service"},
            new String[] {"GET", "/dicomweb/series", "query-service"},
            new String[] {"GET", "/dicomweb/instances", "query-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series", "query-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/instances", "query-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series/1.2.3.4/instances", "query-service"},
            // WADO-RS
            new String[] {"GET", "/dicomweb/studies/1.2.3", "retrieve-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/metadata", "retrieve-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series/1.2.3.4", "retrieve-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series/1.2.3.4/metadata", "retrieve-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5", "retrieve-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/metadata", "retrieve-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/frames/1,2", "retrieve-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/7FE00010", "retrieve-service"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00880200/0/7FE00010", "retrieve-service"},
            // WADO-URI
            new String[] {"GET", "/wado", "retrieve-service"},
            // CORS preflight
            new String[] {"OPTIONS", "/dicomweb/studies", "query-service"},
            new String[] {"OPTIONS", "/dicomweb/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/frames/1", "query-service"},
            new String[] {"OPTIONS", "/wado", "retrieve-service"});

    /** Requests no route takes: the admin and internal APIs, other methods, resources we do not serve. */
    static final List<String[]> UNROUTED = List.of(
            new String[] {"GET", "/admin/ae"}, new String[] {"PUT", "/admin/ae/X"}, new String[] {"GET", "/admin/storage"},
            new String[] {"POST", "/internal/find"}, new String[] {"POST", "/internal/get"}, new String[] {"GET", "/q/metrics"},
            new String[] {"GET", "/commitment/transactions/1.2"}, new String[] {"GET", "/dicomweb"},
            new String[] {"DELETE", "/dicomweb/studies/1.2.3"}, new String[] {"PUT", "/dicomweb/studies/1.2.3"},
            new String[] {"POST", "/dicomweb/studies/1.2.3/series"}, new String[] {"POST", "/dicomweb/series"},
            new String[] {"GET", "/dicomweb/studies/1.2.3/rendered"}, new String[] {"GET", "/dicomweb/studiesx"},
            new String[] {"GET", "/wadox"}, new String[] {"GET", "/wado/x"}, new String[] {"OPTIONS", "/dicomwebx"},
            new String[] {"HEAD", "/dicomweb/studies"});

    @Test
    void everyDicomwebRequestHasExactlyOneRouteToItsService() {
        RouteTable t = RouteTable.dicomweb();
        Set<RouteTable.Route> used = new HashSet<>();
        for (String[] e : EXAMPLES) {
            List<RouteTable.Route> m = t.matching(e[0], e[1]);
            assertEquals(1, m.size(), e[0] + " " + e[1] + " matches " + m);
            assertEquals(e[2], m.get(0).service(), e[0] + " " + e[1]);
            used.add(m.get(0));
        }
        assertEquals(new HashSet<>(t.routes()), used, "every route has an example");
        for (String[] u : UNROUTED) {
            assertEquals(List.of(), t.matching(u[0], u[1]), u[0] + " " + u[1]);
        }
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
