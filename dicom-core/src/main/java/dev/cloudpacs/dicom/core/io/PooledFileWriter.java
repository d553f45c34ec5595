package dev.cloudpacs.dicom.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes received bytes to a file channel through a direct buffer borrowed from a pool: one buffer per
 * concurrent transfer instead of a fresh heap buffer per object, and no extra copy from the heap on the
 * way to the channel. Not thread-safe; {@link #release()} gives the buffer back.
 */
public final class PooledFileWriter {
    private static final int BUFFER = 256 * 1024;
    private static final int MAX_POOLED = 64;
    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();

    private final FileChannel channel;
    private ByteBuffer buffer;

    public PooledFileWriter(FileChannel channel) {
        this.channel = channel;
        ByteBuffer b = POOL.poll();
        this.buffer = b != null ? b : ByteBuffer.allocateDirect(BUFFER);
    }

    /** Appends {@code len} bytes; full buffers go to the channel. */
    public void write(byte[] b, int off, int len) throws IOException {
        if (buffer == null) {
            throw new IOException("file already finished or abandoned");
        }
        while (len > 0) {
            int k = Math.min(len, buffer.remaining());
            buffer.put(b, off, k);
            off += k;
            len -= k;
            if (!buffer.hasRemaining()) {
                drain();
            }
        }
    }

    /** Writes what is buffered to the channel (nothing once released). */
    public void flush() throws IOException {
        if (buffer != null) {
            drain();
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Gives the buffer back without writing what it holds; further writes fail. */
    public void release() {
        ByteBuffer b = buffer;
        if (b != null) {
            buffer = null;
            b.clear();
            if (POOL.size() < MAX_POOLED) {
                POOL.offer(b);
            }
        }
    }
}
