package dev.cloudpacs.dicom.core.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Test helper: the raw bytes of a Part 10 file's data set, for byte-for-byte comparisons. */
public final class Part10Bytes {
    private Part10Bytes() {
    }

    /** The bytes after the File Meta Information group, whose length (0002,0000) tells where it ends. */
    public static byte[] dataSet(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int groupLength = (all[140] & 0xff) | (all[141] & 0xff) << 8 | (all[142] & 0xff) << 16 | (all[143] & 0xff) << 24;
        return Arrays.copyOfRange(all, 144 + groupLength, all.length);
    }
}
