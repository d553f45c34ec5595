package dev.cloudpacs.ingest.client;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.contracts.retrieve.GetStream;
import dev.cloudpacs.contracts.retrieve.MoveStream;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
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
     */
    public DataInputStream get(String sopClassUid, boolean relational, DataSet identifier) throws Unavailable {
        byte[] body;
        try {
            body = FindStream.encodeIdentifier(identifier);
        } catch (IOException e) {
            throw new Unavailable("cannot encode the identifier: " + e.getMessage(), e);
        }
        return post(GetStream.PATH + "?model=" + URLEncoder.encode(sopClassUid, StandardCharsets.UTF_8)
                + (relational ? "&relational=true" : ""), GetStream.MEDIA_TYPE, body);
    }

    /**
     * Runs a C-MOVE job on retrieve-service now ({@link MoveStream}) and returns its progress stream once
     * the job has started there. Closing the stream drops the connection, which stops the job at its
     * next sub-operation.
     */
    public DataInputStream move(RetrieveRequest job) throws Unavailable {
        DataInputStream in = post(MoveStream.PATH, MoveStream.MEDIA_TYPE, RetrieveCodec.encode(job));
        try {
            MoveStream.readStarted(in);
            return in;
        } catch (IOException e) {
            closeQuietly(in);
            throw new Unavailable("retrieve service did not start the job: " + describe(e), e);
        }
    }

    /**
     * POSTs {@code body} and returns the answer's stream once retrieve-service has answered 200.
     *
     * <p>HttpURLConnection rather than {@code java.net.http.HttpClient}: its body is read straight into the caller's
     * buffer, where HttpClient hands over a fresh buffer per network read (half a gigabyte of garbage
     * per 1,000-image study).
     */
    private DataInputStream post(String pathAndQuery, String mediaType, byte[] body) throws Unavailable {
        HttpURLConnection c;
        int status;
        try {
            c = (HttpURLConnection) URI.create(serviceUrl + pathAndQuery).toURL().openConnection();
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", mediaType);
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
            InputStream in = new FilterInputStream(c.getInputStream()) {
                private boolean ended;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    ended |= b < 0;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    ended |= n < 0;
                    return n;
                }

                /**
                 * Never asks the chunked decoder: BufferedInputStream calls available() after every read,
                 * and the JDK's decoder answers it by reading ahead and compacting its whole buffer each
                 * time, which took a core's worth of CPU per C-GET.
                 */
                @Override
                public int available() {
                    return 0;
                }

                /** A body read to its end leaves the connection for the next call; one cut short drops it. */
                @Override
                public void close() throws IOException {
                    if (ended) {
                        super.close();
                    } else {
                        conn.disconnect();
                    }
                }
            };
            return new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        } catch (IOException e) {
            c.disconnect();
            throw new Unavailable("retrieve service unavailable: " + describe(e), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // dropping the connection anyway
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
