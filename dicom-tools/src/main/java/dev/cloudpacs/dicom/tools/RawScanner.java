package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import dev.cloudpacs.dicom.core.io.TransferSyntax;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Walks element headers in file order without interpreting values: offset, tag, VR, length and the
 * first value bytes. Sequences and items are entered rather than skipped, so every header in the file
 * is listed. Meant for files the parser rejects: it prints up to the point where the bytes stop making
 * sense and says why.
 */
final class RawScanner {
    private final PrintStream out;
    private final int maxHeaders;

    RawScanner(PrintStream out, int maxHeaders) {
        this.out = out;
        this.maxHeaders = maxHeaders;
    }

    void scan(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long size = raf.length();
            long pos = 0;
            byte[] magic = new byte[4];
            if (size >= 132) {
                raf.seek(128);
                raf.readFully(magic);
            }
            boolean part10 = new String(magic, StandardCharsets.ISO_8859_1).equals("DICM");
            out.printf("# %s: %d bytes, %s%n", file, size, part10 ? "DICM prefix at offset 128" : "no DICM prefix at offset 128");
            if (part10) {
                pos = 132;
            }
            boolean explicit = true;
            boolean bigEndian = false;
            boolean inMeta = part10;
            String tsUid = null;
            boolean inPixelSequence = false;
            byte[] h = new byte[12];
            for (int n = 0; n < maxHeaders && pos < size; n++) {
                if (size - pos < 8) {
                    out.printf("%10d  %d trailing bytes, too few for an element header%n", pos, size - pos);
                    return;
                }
                raf.seek(pos);
                raf.readFully(h, 0, (int) Math.min(12, size - pos));
                int group = u16(h, 0, bigEndian);
                if (inMeta && group != 2) {
                    inMeta = false;
                    TransferSyntax ts = TransferSyntax.of(tsUid == null ? TransferSyntax.EXPLICIT_VR_LE.uid() : tsUid);
                    out.printf("# end of meta header; data set in %s%n", ts.name());
                    if (ts.deflated()) {
                        out.println("# the data set is deflated: raw headers cannot be shown");
                        return;
                    }
                    explicit = ts.explicitVR();
                    bigEndian = ts.bigEndian();
                    group = u16(h, 0, bigEndian);
                }
                int tag = Tags.of(group, u16(h, 2, bigEndian));
                String vrText;
                long len;
                int headerLen;
                if (group == 0xFFFE) {
                    vrText = "--";
                    len = u32(h, 4, bigEndian);
                    headerLen = 8;
                } else if (explicit) {
                    VR vr = VR.of(h[4], h[5]);
                    vrText = vr == null ? String.format("?%02x%02x", h[4] & 0xff, h[5] & 0xff) : vr.name();
                    if (vr == null || vr.longHeader()) {
                        len = u32(h, 8, bigEndian);
                        headerLen = 12;
                    } else {
                        len = u16(h, 6, bigEndian);
                        headerLen = 8;
                    }
                } else {
                    vrText = "  ";
                    len = u32(h, 4, bigEndian);
                    headerLen = 8;
                }
                boolean undefined = len == 0xFFFFFFFFL;
                String kw = ElementDictionary.keywordOf(tag);
                long valueAt = pos + headerLen;
                // Items of a sequence hold elements and are entered; fragments of encapsulated pixel data are not.
                boolean enter = undefined || "SQ".equals(vrText) || tag == Tags.ITEM && !inPixelSequence;
                if (tag == 0x7FE00010 && undefined) {
                    inPixelSequence = true;
                } else if (tag == Tags.SEQUENCE_DELIMITATION) {
                    inPixelSequence = false;
                }
                String preview = "";
                if (!enter && !Tags.isItemOrDelimiter(tag)) {
                    int k = (int) Math.min(Math.min(len, 16), Math.max(0, size - valueAt));
                    byte[] v = new byte[k];
                    raf.seek(valueAt);
                    raf.readFully(v);
                    preview = hex(v) + (len > 16 ? " ..." : "");
                    if (tag == 0x00020010) {
                        raf.seek(valueAt);
                        byte[] full = new byte[(int) Math.min(len, 64)];
                        raf.readFully(full);
                        tsUid = new String(full, StandardCharsets.ISO_8859_1).replace("\0", "").trim();
                    }
                }
                out.printf("%10d  %s %s %10s  %-32s %s%n", pos, Tags.toString(tag).toLowerCase(), vrText,
                        undefined ? "undefined" : Long.toString(len), kw == null ? "" : kw, preview);
                if (!enter && valueAt + len > size) {
                    out.printf("%10d  value of %s (%d bytes) runs past the end of the file (%d bytes)%n", valueAt,
                            Tags.toString(tag), len, size);
                    return;
                }
                pos = enter ? valueAt : valueAt + len;
            }
            if (pos < size) {
                out.printf("# stopped after %d headers at offset %d (use --raw-count)%n", maxHeaders, pos);
            }
        }
    }

    private static int u16(byte[] b, int off, boolean be) {
        return be ? ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff) : (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8);
    }

    private static long u32(byte[] b, int off, boolean be) {
        return be
                ? ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff)
                : (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8) | ((b[off + 2] & 0xff) << 16) | ((long) (b[off + 3] & 0xff) << 24);
    }

    private static String hex(byte[] v) {
        StringBuilder sb = new StringBuilder();
        for (byte b : v) {
            sb.append(String.format("%02x ", b & 0xff));
        }
        return sb.toString().trim();
    }
}
