package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.common.retrieve.GetStream;

import java.io.ByteArrayInputStream;
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
 * instead of adding up. Read-ahead is bounded ({@link #BUDGET} bytes); an instance larger than
 * {@link #MAX_BUFFERED} is not buffered but handed over as the live stream, the reader waiting until it
 * has been sent.
 */
final class GetPrefetcher implements AutoCloseable {
    static final int MAX_BUFFERED = 16 << 20;
    static final int BUDGET = 48 << 20;

    /** One record of the stream, with its data set (buffered or live) for an instance. */
    record Item(GetStream.Record record, InputStream data, int buffered, CountDownLatch sent, IOException error) {
    }

    private final DataInputStream in;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(1024);
    private final Semaphore budget = new Semaphore(BUDGET);
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
                    queue.put(new Item(rec, null, 0, null, null));
                    if (rec.isEnd()) {
                        return;
                    }
                    continue;
                }
                if (rec.length() <= MAX_BUFFERED) {
                    int n = (int) rec.length();
                    budget.acquire(Math.min(n, BUDGET));
                    byte[] data = in.readNBytes(n);
                    if (data.length < n) {
                        throw new java.io.EOFException("retrieve stream cut off inside an instance");
                    }
                    queue.put(new Item(rec, new ByteArrayInputStream(data), Math.min(n, BUDGET), null, null));
                } else {
                    CountDownLatch sent = new CountDownLatch(1);
                    queue.put(new Item(rec, GetStream.bounded(in, rec.length()), 0, sent, null));
                    sent.await();
                }
            }
        } catch (IOException e) {
            queue.offer(new Item(null, null, 0, null, e));
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
        if (item.buffered() > 0) {
            budget.release(item.buffered());
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
