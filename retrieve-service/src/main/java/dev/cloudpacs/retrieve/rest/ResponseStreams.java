package dev.cloudpacs.retrieve.rest;

import dev.cloudpacs.common.worker.PlatformThreads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Streaming bodies that respect the client's pace. Quarkus REST 3.27's response stream only waits for
 * the connection to drain when written from a thread without the request's Vert.x context, and its
 * worker threads carry that context: a body written there is queued in direct memory as fast as the
 * disk reads, whatever the client takes (quarkusio/quarkus#41635, #50317; a 2 GB study ran a 512 MB
 * service out of memory). Writing from a plain thread makes every write wait while the connection's
 * queue is full, so memory stays bounded by that queue however large the response.
 */
@ApplicationScoped
public class ResponseStreams {
    private final ExecutorService writers;

    public ResponseStreams(PlatformThreads threads) {
        this.writers = threads.pool("response-writer");
    }

    /** A body written by {@code writer} on a plain thread; the request's worker thread waits for it. */
    StreamingOutput paced(StreamingOutput writer) {
        return out -> {
            Future<?> done = writers.submit(() -> {
                try {
                    writer.write(out);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            try {
                done.get();
            } catch (InterruptedException e) {
                done.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("response writing interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(cause);
            }
        };
    }
}
