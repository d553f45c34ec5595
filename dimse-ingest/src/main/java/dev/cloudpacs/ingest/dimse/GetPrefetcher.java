package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.contracts.retrieve.GetStream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * Reads the C-GET stream from retrieve-service ahead of the C-STORE sub-operations, so the next
 * instance arrives while the requester is still storing the current one: the two transfers overlap
 * instead of adding up. Read-ahead is bounded ({@link #BUDGET} bytes, in reused {@link Chunks}); an instance larger than
 * {@link #MAX_BUFFERED} is not buffered but handed over as the live stream, the reader waiting until it
 * has been sent.
 */
final class GetPrefetcher implements AutoCloseable {
    static final int MAX_BUFFERED = 16 << 20;
    static final int BUDGET = 32 << 20;

    /**
     * One record of the stream, with its data set for an instance: read ahead ({@code buffered}) or,
     * when too large for that, the {@code live} stream.
     */
    record Item(GetStream.Record record, Chunks buffered, InputStream live, CountDownLatch sent, IOException error) {
    }

    private final DataInputStream in;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(1024);
    private final Semaphore budget = new Semaphore(Chunks.count(BUDGET));
    private final Thread thread;
    private volatile boolean closed;

    GetPrefetcher(DataInputStream in, String name) {
        this.in = in;
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    private void run() {
        try {
            while (!closed) {
                GetStream.Record rec = GetStream.read(in);
                if (!rec.isInstance()) {
                    queue.put(new Item(rec, null, null, null, null));
                    if (rec.isEnd()) {
                        return;
                    }
                    continue;
                }
                if (rec.length() <= MAX_BUFFERED) {
                    int n = (int) rec.length();
                    budget.acquire(Chunks.count(n));
                    queue.put(new Item(rec, Chunks.read(in, n), null, null, null));
                } else {
                    CountDownLatch sent = new CountDownLatch(1);
                    queue.put(new Item(rec, null, GetStream.bounded(in, rec.length()), sent, null));
                    sent.await();
                }
            }
        } catch (IOException e) {
            queue.offer(new Item(null, null, null, null, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next record (its data fully read, or live); an IOException when the stream broke. */
    Item next() throws IOException, InterruptedException {
        Item item = queue.take();
        if (item.error() != null) {
            throw item.error();
        }
        return item;
    }

    /** Marks an instance's data as sent: its buffer budget is free again, or the reader may go on. */
    void done(Item item) {
        if (item.buffered() != null) {
            int chunks = Chunks.count(item.buffered().length());
            item.buffered().release();
            budget.release(chunks);
        }
        if (item.sent() != null) {
            item.sent().countDown();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            in.close();
        } catch (IOException e) {
            // nothing left to read anyway
        }
    }
}
