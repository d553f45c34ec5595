package dev.cloudpacs.dicom.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PooledFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryByteInOrderAcrossBufferBoundaries() throws IOException {
        byte[] data = new byte[700_001];
        new Random(7).nextBytes(data);
        Path f = dir.resolve("a.bin");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            PooledFileWriter w = new PooledFileWriter(ch);
            int[] pieces = {1, 16_384, 262_143, 2, 300_000};
            int off = 0;
            for (int i = 0; off < data.length; i++) {
                int n = Math.min(pieces[i % pieces.length], data.length - off);
                w.write(data, off, n);
                off += n;
            }
            w.flush();
            w.release();
        }
        assertArrayEquals(data, Files.readAllBytes(f));
    }

    @Test
    void aReleasedWriterRefusesMoreBytesAndWritesNothingMore() throws IOException {
        Path f = dir.resolve("b.bin");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            PooledFileWriter w = new PooledFileWriter(ch);
            w.write(new byte[] {1, 2, 3}, 0, 3);
            w.release();
            w.flush();
            assertThrows(IOException.class, () -> w.write(new byte[1], 0, 1));
        }
        assertArrayEquals(new byte[0], Files.readAllBytes(f));
    }
}
