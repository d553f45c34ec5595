package dev.cloudpacs.ingest.client;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.contracts.retrieve.GetStream;
import dev.cloudpacs.dicom.core.data.DataSet;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
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

    public RetrieveServiceClient(PacsConfig config) {
        String url = config.retrieve().serviceUrl();
        this.serviceUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = config.retrieve().timeout();
    }

    public String serviceUrl() {
        return serviceUrl;
    }

    /** Retrieve-service could not be asked, or its stream broke off. */
    public static final class Unavailable extends IOException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts a C-GET and returns its stream once retrieve-service has answered. Closing the stream
     * drops the connection (a C-GET cut short must not drain the rest of a study first).
     *
     * <p>HttpURLConnection rather than {@code java.net.http.HttpClient}: its body is read straight into the caller's
     * buffer, where HttpClient hands over a fresh buffer per network read (half a gigabyte of garbage
     * per 1,000-image study).
     */
    public DataInputStream get(String sopClassUid, boolean relational, DataSet identifier) throws Unavailable {
        String url = serviceUrl + GetStream.PATH + "?model=" + URLEncoder.encode(sopClassUid, StandardCharsets.UTF_8)
                + (relational ? "&relational=true" : "");
        HttpURLConnection c;
        int status;
        try {
            c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", GetStream.MEDIA_TYPE);
            byte[] body = FindStream.encodeIdentifier(identifier);
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            status = c.getResponseCode();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new Unavailable("retrieve service URL is not valid: " + serviceUrl, e);
        } catch (IOException e) {
            throw new Unavailable("retrieve service unavailable: " + describe(e), e);
        }
        if (status != 200) {
            c.disconnect();
            throw new Unavailable("retrieve service answered HTTP " + status, null);
        }
        try {
            HttpURLConnection conn = c;
            InputStream body = new FilterInputStream(c.getInputStream()) {
                /**
                 * Never asks the chunked decoder: BufferedInputStream calls available() after every read,
                 * and the JDK's decoder answers it by reading ahead and compacting its whole buffer each
                 * time, which took a core's worth of CPU per C-GET.
                 */
                @Override
                public int available() {
                    return 0;
                }

                @Override
                public void close() {
                    conn.disconnect();
                }
            };
            return new DataInputStream(new BufferedInputStream(body, 64 * 1024));
        } catch (IOException e) {
            c.disconnect();
            throw new Unavailable("retrieve service unavailable: " + describe(e), e);
        }
    }

    private String describe(IOException e) {
        if (e instanceof java.net.SocketTimeoutException) {
            return (String.valueOf(e.getMessage()).toLowerCase().contains("connect") ? "no connection within "
                    : "no answer within ") + timeout.toSeconds() + " s";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
