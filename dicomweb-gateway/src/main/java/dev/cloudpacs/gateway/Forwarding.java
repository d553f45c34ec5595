package dev.cloudpacs.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the gateway adds to Vert.x's reverse proxy, for one service: the client's Host goes to the
 * service (so the URLs it builds, such as metadata's BulkDataURIs, point at the gateway); hop-by-hop
 * headers (RFC 9110 7.6.1: the fixed ones and those the Connection header names) are dropped both
 * ways (the proxy drops only the fixed ones, and only from requests); a service that cannot be reached
 * or fails before answering is a 502 problem naming it. Bodies are never touched: they stream.
 */
final class Forwarding implements ProxyInterceptor {
    private static final Logger LOG = Logger.getLogger(Forwarding.class.getName());
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private static final String CLOSE = "cloudpacs.close";

    private final String service;

    Forwarding(String service) {
        this.service = service;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest in = request.proxiedRequest();
        if (in.authority() != null) {
            request.setAuthority(in.authority());
        }
        dropHopByHop(request.headers());
        // The gateway answered "100 Continue" itself (the server handles Expect automatically).
        request.headers().remove("expect");
        return context.sendRequest().recover(e -> {
            String detail = e instanceof Backends.Unreachable ? e.getMessage()
                    : service + " failed before answering: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.log(Level.WARNING, in.method() + " " + in.path() + ": " + detail);
            // Not worth reading the rest of a large upload only to keep the connection.
            context.set(CLOSE, Gateway.uploadPending(in));
            return Future.succeededFuture(problem(request, 502, detail));
        });
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        dropHopByHop(context.response().headers());
        if (Boolean.TRUE.equals(context.get(CLOSE, Boolean.class))) {
            context.response().putHeader("Connection", "close");
        }
        return context.sendResponse();
    }

    private static void dropHopByHop(MultiMap headers) {
        for (String value : headers.getAll("connection")) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    headers.remove(token.strip());
                }
            }
        }
        HOP_BY_HOP.forEach(headers::remove);
    }

    /** A problem answer in place of the service's; an upload still arriving is discarded. */
    private static ProxyResponse problem(ProxyRequest request, int status, String detail) {
        ProxyResponse r = request.release().response().setStatusCode(status).setBody(Body.body(Problems.body(status, detail)));
        Problems.headers(r.headers(), detail);
        return r;
    }
}
