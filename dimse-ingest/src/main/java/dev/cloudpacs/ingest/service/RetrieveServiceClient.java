package dev.cloudpacs.ingest.service;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.common.query.FindStream;
import dev.cloudpacs.common.retrieve.GetStream;
import dev.cloudpacs.dicom.core.data.DataSet;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The front door's side of the internal C-GET call to retrieve-service ({@link GetStream}): one POST per
 * C-GET whose answer streams the instances to send. Failures to reach it come as {@link Unavailable}
 * with a message short enough for an Error Comment.
 */
@ApplicationScoped
public class RetrieveServiceClient {
    private final String serviceUrl;
    private final Duration timeout;
    private final HttpClient http;

    public RetrieveServiceClient(PacsConfig config) {
        String url = config.retrieve().serviceUrl();
        this.serviceUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = config.retrieve().timeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public String serviceUrl() {
        return serviceUrl;
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }

    /** Retrieve-service could not be asked, or its stream broke off. */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Starts a C-GET and returns its stream once retrieve-service has answered. */
    public DataInputStream get(String sopClassUid, boolean relational, DataSet identifier) throws Unavailable {
        String url = serviceUrl + GetStream.PATH + "?model=" + URLEncoder.encode(sopClassUid, StandardCharsets.UTF_8)
                + (relational ? "&relational=true" : "");
        HttpResponse<InputStream> r;
        try {
            HttpRequest rq = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", GetStream.MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(FindStream.encodeIdentifier(identifier))).build();
            r = http.send(rq, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IllegalArgumentException e) {
            throw new Unavailable("retrieve service URL is not valid: " + serviceUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the retrieve service", e);
        } catch (IOException e) {
            throw new Unavailable("retrieve service unavailable: " + describe(e), e);
        }
        if (r.statusCode() != 200) {
            try {
                r.body().close();
            } catch (IOException ignored) {
                // the status says it all
            }
            throw new Unavailable("retrieve service answered HTTP " + r.statusCode(), null);
        }
        return new DataInputStream(new BufferedInputStream(r.body(), 64 * 1024));
    }

    private String describe(IOException e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection within " + timeout.toSeconds() + " s";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
