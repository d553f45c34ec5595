package dev.cloudpacs.ingest.client;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.find.FindNegotiation;
import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.net.dimse.Status;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The front door's side of the internal C-FIND call to query-service ({@link FindStream}): one POST per
 * C-FIND, whose answer is read one frame at a time. Every way the call can fail (no connection, no answer
 * within {@code pacs.query.timeout}, an HTTP error, a stream cut off or malformed) is an {@link Unavailable}
 * whose message says so in words, short enough for an Error Comment (64 characters); log lines add
 * {@link #serviceUrl()}.
 */
@ApplicationScoped
public class QueryServiceClient {
    private final String serviceUrl;
    private final Duration timeout;
    private final HttpClient http;

    public QueryServiceClient(PacsConfig config) {
        String url = config.query().serviceUrl();
        this.serviceUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = config.query().timeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Where query-service is, for log lines. */
    public String serviceUrl() {
        return serviceUrl;
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }

    /** The query service could not be asked, or its answer broke off; the message says why. */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts a query; the answer is read with {@link Call#next()}. Returns at once: connecting and waiting
     * for the answer happen in the first {@code next()}.
     */
    public Call find(String model, String callingAe, String calledAe, DataSet identifier) throws Unavailable {
        return find(model, callingAe, calledAe, identifier, FindNegotiation.NONE);
    }

    /** As {@link #find(String, String, String, DataSet)}, with what the association negotiated for C-FIND. */
    public Call find(String model, String callingAe, String calledAe, DataSet identifier, FindNegotiation negotiated)
            throws Unavailable {
        String url = serviceUrl + FindStream.PATH + "?model=" + enc(model) + "&calling=" + enc(callingAe)
                + "&called=" + enc(calledAe) + (negotiated.relational() ? "&relational=true" : "")
                + (negotiated.combinedDateTime() ? "&combined-datetime=true" : "");
        HttpRequest rq;
        try {
            rq = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", FindStream.MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(FindStream.encodeIdentifier(identifier))).build();
        } catch (IllegalArgumentException e) {
            throw new Unavailable("query service URL is not valid: " + serviceUrl, e);
        } catch (IOException e) {
            throw new Unavailable("cannot encode the identifier: " + e.getMessage(), e);
        }
        return new Call(rq, http.sendAsync(rq, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * One query in flight. {@link #close()} may be called from any thread at any time: it aborts the call
     * (query-service sees the connection close and stops the query), and a {@code next()} blocked in
     * another thread then fails.
     */
    public final class Call implements AutoCloseable {
        private final HttpRequest request;
        private volatile CompletableFuture<HttpResponse<InputStream>> response;
        private DataInputStream in;
        private volatile boolean closed;
        private boolean ended;

        private Call(HttpRequest request, CompletableFuture<HttpResponse<InputStream>> response) {
            this.request = request;
            this.response = response;
        }

        /** The next frame: a match, or the end with the final status. */
        public FindStream.Frame next() throws Unavailable {
            if (in == null) {
                in = new DataInputStream(new BufferedInputStream(open()));
            }
            FindStream.Frame frame;
            try {
                frame = FindStream.read(in);
            } catch (EOFException e) {
                throw new Unavailable("query service stream cut off (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw new Unavailable(closed ? "query service call closed"
                        : "query service stream broken: " + describe(e), e);
            }
            ended = frame.isEnd();
            if (frame.isEnd() && Status.isPending(frame.status())) {
                throw new Unavailable(String.format("query service ended with a pending status %04X",
                        frame.status()), null);
            }
            return frame;
        }

        /** Whether another frame has already (at least partly) arrived: the caller may batch its sends. */
        public boolean moreBuffered() {
            try {
                return in != null && in.available() > 0;
            } catch (IOException e) {
                return false;
            }
        }

        private InputStream open() throws Unavailable {
            HttpResponse<InputStream> r;
            try {
                try {
                    r = response.get();
                } catch (ExecutionException e) {
                    if (!closed && e.getCause() instanceof IOException io && !(io instanceof ConnectException)
                            && !(io instanceof HttpTimeoutException)) {
                        // A pooled keep-alive connection closed under the request: a query is safe to
                        // send again, once, on a fresh connection.
                        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
                        r = response.get();
                    } else {
                        throw e;
                    }
                }
            } catch (ExecutionException e) {
                throw new Unavailable("query service unavailable: " + describe(e.getCause()), e.getCause());
            } catch (CancellationException e) {
                throw new Unavailable("query service call closed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new Unavailable("interrupted while waiting for the query service", e);
            }
            if (r.statusCode() != 200) {
                closeQuietly(r.body());
                throw new Unavailable("query service answered HTTP " + r.statusCode(), null);
            }
            return r.body();
        }

        /** Aborts the call, or releases it after the end frame; idempotent. */
        @Override
        public void close() {
            if (ended && !closed && in != null) {
                // Read the chunked body to its end, so the connection goes back to the pool whole: closing
                // it unread makes the client drop a connection the next call may already have picked.
                try {
                    byte[] rest = new byte[256];
                    for (int i = 0; i < 32 && in.read(rest) >= 0; i++) {
                        // nothing but the end of the chunked encoding is expected here
                    }
                } catch (IOException e) {
                    // closed below anyway
                }
            }
            closed = true;
            response.cancel(true);
            // Whether the answer came before or comes after the cancel: its body is closed.
            response.thenAccept(r -> closeQuietly(r.body()));
        }
    }

    /** Why a call failed, in words: "connection refused", "no answer within 10 s", ... */
    private String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "no connection within " + seconds(timeout);
            }
            if (c instanceof HttpTimeoutException) {
                return "no answer within " + seconds(timeout);
            }
            if (c instanceof ConnectException) {
                return c.getMessage() == null ? "connection refused" : c.getMessage().toLowerCase();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to do: the connection goes away with it
        }
    }
}
