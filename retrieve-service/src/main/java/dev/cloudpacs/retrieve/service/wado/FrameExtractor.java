package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.ByteOrders;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.io.TransferSyntax;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of an instance's Pixel Data (PS3.18 10.4.1.1.4), cut without decoding anything.
 * Native pixel data is sliced at Rows x Columns x Samples per Pixel x Bits Allocated per frame (bit
 * exact for 1-bit data) and sent little endian. Encapsulated pixel data is split into frames by its
 * fragments (PS3.5 A.4): one fragment per frame, else the Extended or Basic Offset Table, else the
 * fragments that start with a JPEG / JPEG 2000 start marker; the compressed bytes pass through.
 */
public final class FrameExtractor {
    private final Object pixels;
    private final VR vr;
    private final boolean bigEndian;
    private final int count;
    private final long frameBits;
    /** Encapsulated only: the fragment indexes (1-based, item 0 is the offset table) of each frame. */
    private final List<int[]> fragmentsOfFrame;

    private FrameExtractor(Object pixels, VR vr, boolean bigEndian, int count, long frameBits,
                           List<int[]> fragmentsOfFrame) {
        this.pixels = pixels;
        this.vr = vr;
        this.bigEndian = bigEndian;
        this.count = count;
        this.frameBits = frameBits;
        this.fragmentsOfFrame = fragmentsOfFrame;
    }

    /**
     * The frames of a data set read with pixel data by reference.
     *
     * @throws WadoException 404 when there is no pixel data, 500 when its frames cannot be told apart
     */
    public static FrameExtractor of(DataSet ds, TransferSyntax ts) throws WadoException, IOException {
        int i = ds.indexOf(Tag.PixelData);
        if (i < 0) {
            throw WadoException.notFound("the instance has no Pixel Data (7FE0,0010)");
        }
        Object value = ds.valueAt(i);
        int frames = Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
        if (value instanceof Fragments f) {
            return new FrameExtractor(f, ds.vrAt(i), false, frames, 0, split(ds, f, frames, ts));
        }
        if (!(value instanceof byte[] || value instanceof BulkData)) {
            throw new WadoException(500, "the Pixel Data of the instance is not readable");
        }
        long rows = ds.getInt(Tag.Rows, 0);
        long columns = ds.getInt(Tag.Columns, 0);
        long bits = ds.getInt(Tag.BitsAllocated, 0);
        long samples = ds.getInt(Tag.SamplesPerPixel, 1);
        if ("YBR_FULL_422".equals(ds.getString(Tag.PhotometricInterpretation))) {
            samples = 2; // two chroma samples shared by each pair of pixels (PS3.3 C.7.6.3.1.2)
        }
        long frameBits = rows * columns * samples * bits;
        if (frameBits <= 0) {
            throw new WadoException(500, "the instance lacks Rows, Columns or Bits Allocated: frames cannot be cut");
        }
        long needed = (frameBits * frames + 7) / 8;
        long have = ValueBytes.length(value);
        if (have < needed) {
            throw new WadoException(500, "Pixel Data holds " + have + " bytes, fewer than the " + needed + " that "
                    + frames + " frame(s) of " + rows + "x" + columns + " need");
        }
        boolean be = value instanceof BulkData bd ? bd.bigEndian() : ds.bigEndian();
        return new FrameExtractor(value, ds.vrAt(i), be, frames, frameBits, null);
    }

    /** Number of frames. */
    public int count() {
        return count;
    }

    /** True when the frames are compressed (encapsulated) and pass through as stored. */
    public boolean compressed() {
        return fragmentsOfFrame != null;
    }

    /**
     * Checks frame numbers before the response starts.
     *
     * @throws WadoException 404 naming the first number outside 1..count
     */
    public void check(int[] frames) throws WadoException {
        for (int f : frames) {
            if (f < 1 || f > count) {
                throw WadoException.notFound("frame " + f + " does not exist: the instance has " + count
                        + " frame" + (count == 1 ? "" : "s"));
            }
        }
    }

    /** Writes frame {@code frame} (1-based): its little endian pixels or its compressed bytes. */
    public void write(int frame, OutputStream out) throws IOException {
        if (fragmentsOfFrame != null) {
            Fragments f = (Fragments) pixels;
            for (int k : fragmentsOfFrame.get(frame - 1)) {
                ValueBytes.copy(f.get(k), 0, f.length(k), 1, out);
            }
            return;
        }
        long startBit = (frame - 1) * frameBits;
        int swap = bigEndian ? vr.unitSize() : 1;
        if (startBit % 8 == 0 && frameBits % 8 == 0) {
            ValueBytes.copy(pixels, startBit / 8, frameBits / 8, swap, out);
            return;
        }
        // 1-bit data: frames need not start on a byte; shift them so each starts at bit 0 (PS3.5 8.1.1).
        int outLen = (int) ((frameBits + 7) / 8);
        long from = startBit / 8;
        int shift = (int) (startBit % 8);
        int readLen = (int) Math.min(outLen + 1L, ValueBytes.length(pixels) - from);
        byte[] in = ValueBytes.read(pixels, from, readLen);
        byte[] b = new byte[outLen];
        for (int k = 0; k < outLen; k++) {
            int lo = (in[k] & 0xff) >>> shift;
            int hi = k + 1 < in.length ? (in[k + 1] & 0xff) << (8 - shift) : 0;
            b[k] = (byte) (lo | hi);
        }
        int tail = (int) (frameBits % 8);
        if (tail != 0) {
            b[outLen - 1] &= (byte) ((1 << tail) - 1);
        }
        out.write(b);
    }

    // ---- encapsulated: which fragments make up each frame -----------------------------------------

    private static List<int[]> split(DataSet ds, Fragments f, int frames, TransferSyntax ts)
            throws WadoException, IOException {
        int n = f.size() - 1;
        if (n < 1) {
            throw new WadoException(500, "the encapsulated Pixel Data has no fragments");
        }
        if (frames == 1) {
            return List.of(range(1, n + 1));
        }
        if (n == frames) {
            List<int[]> out = new ArrayList<>(frames);
            for (int k = 1; k <= n; k++) {
                out.add(new int[] {k});
            }
            return out;
        }
        long[] offsets = offsetTable(ds, f, frames);
        if (offsets != null) {
            List<int[]> out = byOffsets(f, offsets);
            if (out != null) {
                return out;
            }
        }
        List<int[]> out = byStartMarkers(f, frames);
        if (out != null) {
            return out;
        }
        throw new WadoException(500, "cannot tell the " + frames + " frames apart: " + n + " fragments in "
                + ts + " and no usable offset table");
    }

    /** Frame offsets from the Extended Offset Table (7FE0,0001), else the Basic Offset Table; null if none. */
    private static long[] offsetTable(DataSet ds, Fragments f, int frames) throws IOException {
        byte[] eot = ds.getBytes(Tag.ExtendedOffsetTable);
        if (eot != null && eot.length == 8L * frames) {
            long[] o = new long[frames];
            for (int k = 0; k < frames; k++) {
                o[k] = ByteOrders.i64(eot, 8 * k, false);
            }
            return o;
        }
        if (f.length(0) == 4L * frames) {
            byte[] bot = f.bytes(0);
            long[] o = new long[frames];
            for (int k = 0; k < frames; k++) {
                o[k] = ByteOrders.i32(bot, 4 * k, false) & 0xFFFFFFFFL;
            }
            return o;
        }
        return null;
    }

    /**
     * Offsets count from the first byte of the first fragment's item tag, item headers included; a frame
     * is every fragment starting at or after its offset and before the next frame's.
     */
    private static List<int[]> byOffsets(Fragments f, long[] offsets) {
        List<int[]> out = new ArrayList<>(offsets.length);
        int k = 1;
        long pos = 0;
        for (int frame = 0; frame < offsets.length; frame++) {
            if (pos != offsets[frame]) {
                return null; // an offset that is not a fragment start: the table is wrong
            }
            long end = frame + 1 < offsets.length ? offsets[frame + 1] : Long.MAX_VALUE;
            int first = k;
            while (k < f.size() && pos < end) {
                pos += 8 + f.length(k);
                k++;
            }
            if (k == first) {
                return null;
            }
            out.add(range(first, k));
        }
        return k == f.size() ? out : null;
    }

    /** Frames begin at fragments starting with JPEG SOI (FFD8), a JPEG 2000 codestream (FF4F) or a JP2 box. */
    private static List<int[]> byStartMarkers(Fragments f, int frames) throws IOException {
        List<Integer> starts = new ArrayList<>();
        for (int k = 1; k < f.size(); k++) {
            if (f.length(k) >= 4) {
                byte[] h = ValueBytes.read(f.get(k), 0, 4);
                int b0 = h[0] & 0xff;
                int b1 = h[1] & 0xff;
                if (b0 == 0xFF && (b1 == 0xD8 || b1 == 0x4F) || b0 == 0 && b1 == 0 && h[2] == 0 && h[3] == 0x0C) {
                    starts.add(k);
                }
            }
        }
        if (starts.size() != frames || starts.get(0) != 1) {
            return null;
        }
        List<int[]> out = new ArrayList<>(frames);
        for (int s = 0; s < frames; s++) {
            out.add(range(starts.get(s), s + 1 < frames ? starts.get(s + 1) : f.size()));
        }
        return out;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int k = 0; k < r.length; k++) {
            r[k] = from + k;
        }
        return r;
    }
}
