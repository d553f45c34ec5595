package dev.cloudpacs.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The copies of one service: each request goes to the next in turn (round robin), and to the one after
 * when a copy cannot be connected to (nothing of the request has left yet, so trying another is safe).
 * When none can, the request fails with {@link Unreachable}.
 */
final class Backends implements OriginRequestProvider {
    private final String service;
    private final List<SocketAddress> addresses;
    private final AtomicInteger next = new AtomicInteger();

    /** No copy of the service could be connected to. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    Backends(String service, List<SocketAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address for " + service);
        }
        this.service = service;
        this.addresses = List.copyOf(addresses);
    }

    String service() {
        return service;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        int first = Math.floorMod(next.getAndIncrement(), addresses.size());
        return attempt(context, first, 0);
    }

    private Future<HttpClientRequest> attempt(ProxyContext context, int first, int tried) {
        SocketAddress a = addresses.get((first + tried) % addresses.size());
        return context.client()
                .request(new RequestOptions().setServer(a).setHost(a.host()).setPort(a.port()))
                .recover(e -> tried + 1 < addresses.size()
                        ? attempt(context, first, tried + 1)
                        : Future.failedFuture(new Unreachable(service + " is unreachable ("
                                + (addresses.size() == 1 ? "" : "tried ") + describe() + ": " + reason(e) + ")")));
    }

    /** Netty's "Connection refused: /127.0.0.1:8082" without the address we name already. */
    private static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int at = m.indexOf(": /");
        return at > 0 ? m.substring(0, at) : m;
    }

    /** The addresses, e.g. {@code 127.0.0.1:8082, 127.0.0.1:8182}. */
    String describe() {
        return addresses.stream().map(a -> a.host() + ":" + a.port()).collect(Collectors.joining(", "));
    }
}
