package dev.cloudpacs.dicom.core.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ByteSource}: small first reads for header scans, and exact bytes across every refill. */
class ByteSourceTest {
    /** An input that hands out at most {@code chunk} bytes per read and records what was asked for. */
    private static final class RecordingInput extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;
        final List<Integer> asked = new ArrayList<>();
        long delivered;

        RecordingInput(byte[] data, int chunk) {
            this.in = new ByteArrayInputStream(data);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            throw new AssertionError("ByteSource reads in blocks");
        }

        @Override
        public long skip(long n) {
            return in.skip(n);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            asked.add(len);
            int n = in.read(b, off, Math.min(len, chunk));
            if (n > 0) {
                delivered += n;
            }
            return n;
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    @Test
    void readingAHeaderOfABigFileReadsOnlyItsFirstFewKilobytes() throws Exception {
        RecordingInput in = new RecordingInput(random(512 * 1024), Integer.MAX_VALUE);
        ByteSource src = new ByteSource(in, 512 * 1024);
        src.skip(128);
        for (int i = 0; i < 100; i++) { // about what a meta group and the first elements take
            src.tag(false);
            src.i32(false);
        }
        assertEquals(1, in.asked.size(), "one read: " + in.asked);
        assertTrue(in.delivered <= 8 * 1024, in.delivered + " bytes read");
    }

    @Test
    void readsGrowWhileAWholeFileIsReadAndEveryByteComesBackInOrder() throws Exception {
        byte[] data = random(300_000);
        RecordingInput in = new RecordingInput(data, Integer.MAX_VALUE);
        ByteSource src = new ByteSource(in, data.length);
        ByteBuffer expected = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        Random sizes = new Random(7);
        while (expected.remaining() >= 4) {
            switch (sizes.nextInt(4)) {
                case 0 -> assertEquals(expected.getShort() & 0xffff, src.u16(false));
                case 1 -> assertEquals(expected.getInt(), src.i32(false));
                case 2 -> assertEquals(expected.get(expected.position()) & 0xff, src.peek(0));
                default -> {
                    int n = Math.min(expected.remaining(), sizes.nextInt(20_000));
                    byte[] want = new byte[n];
                    expected.get(want);
                    assertArrayEquals(want, src.bytes(n));
                }
            }
            assertEquals(expected.position(), src.position());
        }
        assertArrayEquals(Arrays.copyOfRange(data, expected.position(), data.length), src.bytes(expected.remaining()));
        assertTrue(src.atEnd());
        assertEquals(8 * 1024, in.asked.get(0));
        assertEquals(64 * 1024, in.asked.stream().mapToInt(Integer::intValue).max().orElseThrow(),
                "reads grow to full size: " + in.asked);
    }

    @Test
    void anInputThatTricklesStillGivesExactValues() throws Exception {
        byte[] data = random(100_000);
        ByteSource src = new ByteSource(new RecordingInput(data, 3), -1);
        ByteBuffer expected = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        while (expected.remaining() >= 4) {
            assertEquals(expected.getInt(), src.i32(true));
        }
        assertEquals(expected.remaining(), src.bytes(expected.remaining()).length);
        assertTrue(src.atEnd());
    }

    @Test
    void skippingPastTheBufferThenReadingContinuesAtTheRightOffset() throws IOException, ByteSource.Eof {
        byte[] data = random(200_000);
        ByteSource src = new ByteSource(new RecordingInput(data, Integer.MAX_VALUE), data.length);
        src.i32(false);
        src.skip(150_000);
        assertEquals(150_004, src.position());
        assertArrayEquals(Arrays.copyOfRange(data, 150_004, data.length), src.bytes(data.length - 150_004));
        assertTrue(src.atEnd());
    }
}
