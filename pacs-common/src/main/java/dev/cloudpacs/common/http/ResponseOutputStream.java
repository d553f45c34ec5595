package dev.cloudpacs.common.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking stream onto a Vert.x response, written from a plain thread (never an event loop). Bytes leave
 * in chunks of the buffer size and each chunk waits until the one before it was handed to the connection,
 * so a reader that is slow (a DIMSE peer taking its time) holds the writer back instead of queueing the
 * whole response in memory. A reader that stops reading for {@link #STALL} ends the stream.
 */
final class ResponseOutputStream extends OutputStream {
    static final Duration STALL = Duration.ofMinutes(5);

    private final HttpServerResponse response;
    private final byte[] buffer;
    private int count;
    private Future<Void> inFlight = Future.succeededFuture();
    private boolean closed;

    ResponseOutputStream(HttpServerResponse response, int chunkSize) {
        this.response = response;
        this.buffer = new byte[chunkSize];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            send();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buffer.length) {
                send();
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Hands what is buffered to the connection now (without waiting for it to leave: the next chunk does). */
    @Override
    public void flush() throws IOException {
        send();
    }

    /** Ends the response, the last chunk and the end of the body in one write. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        await(inFlight);
        Future<Void> end = count == 0 ? response.end() : response.end(Buffer.buffer(Arrays.copyOf(buffer, count)));
        count = 0;
        await(end);
    }

    private void send() throws IOException {
        if (count == 0) {
            return;
        }
        await(inFlight);
        if (response.closed()) {
            throw new IOException("the caller closed the connection");
        }
        inFlight = response.write(Buffer.buffer(Arrays.copyOf(buffer, count)));
        count = 0;
    }

    private static void await(Future<Void> f) throws IOException {
        try {
            f.toCompletionStage().toCompletableFuture().get(STALL.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the response");
        } catch (ExecutionException e) {
            throw new IOException("the caller closed the connection: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the caller read nothing for " + STALL.toMinutes() + " minutes");
        }
    }
}
