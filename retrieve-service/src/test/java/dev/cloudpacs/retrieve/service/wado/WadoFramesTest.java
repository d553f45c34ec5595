package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.io.DicomFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cutting frames out of native and encapsulated pixel data, read from files by reference. */
class WadoFramesTest {
    @TempDir
    Path dir;

    private static DataSet image(int rows, int columns, int bits, int frames) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.NumberOfFrames, VR.IS, frames);
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.BitsAllocated, VR.US, bits);
        return ds;
    }

    private DicomFile roundTrip(DataSet ds, TransferSyntax ts) throws IOException {
        Path f = dir.resolve("f" + System.nanoTime() + ".dcm");
        DicomWriter.writeFile(f, ds, ts, WriteOptions.DEFAULT);
        return DicomReader.read(f, ReadOptions.DEFAULT);
    }

    private static byte[] frame(FrameExtractor fx, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fx.write(n, out);
        return out.toByteArray();
    }

    @Test
    void nativeFramesAreLittleEndianSlicesEvenFromBigEndianFiles() throws Exception {
        byte[] pixels = new byte[4 * 3 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        DataSet ds = image(4, 3, 16, 3);
        ds.setValue(Tag.PixelData, VR.OW, pixels);
        for (TransferSyntax ts : new TransferSyntax[] {TransferSyntax.EXPLICIT_VR_LE, TransferSyntax.EXPLICIT_VR_BE,
                TransferSyntax.IMPLICIT_VR_LE}) {
            DicomFile df = roundTrip(ds, ts);
            FrameExtractor fx = FrameExtractor.of(df.dataSet(), df.transferSyntax());
            assertEquals(3, fx.count());
            assertFalse(fx.compressed());
            assertArrayEquals(Arrays.copyOfRange(pixels, 24, 48), frame(fx, 2), ts.name());
            assertEquals(404, assertThrows(WadoException.class, () -> fx.check(new int[] {1, 4})).status());
        }
    }

    @Test
    void oneBitFramesNeedNotStartOnAByte() throws Exception {
        // 3x3 pixels of 1 bit: 9 bits a frame, so frame 2 starts at bit 9.
        DataSet ds = image(3, 3, 1, 2);
        byte[] packed = new byte[4];
        // frame 1 = bits 0..8 all ones; frame 2 = bits 9..17 = 1,0,1,0,1,0,1,0,1
        long bits = 0x1FFL;
        int[] f2 = {1, 0, 1, 0, 1, 0, 1, 0, 1};
        for (int k = 0; k < 9; k++) {
            bits |= (long) f2[k] << (9 + k);
        }
        for (int k = 0; k < 3; k++) {
            packed[k] = (byte) (bits >>> (8 * k));
        }
        ds.setValue(Tag.PixelData, VR.OB, packed);
        DicomFile df = roundTrip(ds, TransferSyntax.EXPLICIT_VR_LE);
        FrameExtractor fx = FrameExtractor.of(df.dataSet(), df.transferSyntax());
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x01}, frame(fx, 1));
        assertArrayEquals(new byte[] {0x55, 0x01}, frame(fx, 2));
    }

    @Test
    void encapsulatedFramesByFragmentOffsetTableOrMarkers() throws Exception {
        byte[] a = jpeg(10, 1);
        byte[] b1 = jpeg(12, 2);
        byte[] b2 = {0x10, 0x11, 0x12, (byte) 0xFF};
        // One fragment per frame, empty offset table.
        assertFrames(new byte[0], new byte[][] {a, b1}, 2, a, b1);
        // Frame 2 in two fragments: the Basic Offset Table says where frame 2 starts.
        byte[] bot = {0, 0, 0, 0, (byte) (8 + a.length), 0, 0, 0};
        assertFrames(bot, new byte[][] {a, b1, b2}, 2, a, concat(b1, b2));
        // Same without an offset table: the JPEG start markers tell.
        assertFrames(new byte[0], new byte[][] {a, b1, b2}, 2, a, concat(b1, b2));
        // A single frame is every fragment.
        assertFrames(new byte[0], new byte[][] {a, b2}, 1, concat(a, b2));
        // Three fragments, two frames, no table and no markers: cannot tell.
        byte[] c = {1, 2, 3, 4};
        assertEquals(500, assertThrows(WadoException.class,
                () -> assertFrames(new byte[0], new byte[][] {c, c, c}, 2)).status());
    }

    private void assertFrames(byte[] bot, byte[][] fragments, int frames, byte[]... expected) throws Exception {
        DataSet ds = image(8, 8, 8, frames);
        Fragments f = new Fragments();
        f.add(bot);
        for (byte[] fr : fragments) {
            f.add(fr);
        }
        ds.setValue(Tag.PixelData, VR.OB, f);
        DicomFile df = roundTrip(ds, TransferSyntax.of("1.2.840.10008.1.2.4.50"));
        FrameExtractor fx = FrameExtractor.of(df.dataSet(), df.transferSyntax());
        assertTrue(fx.compressed());
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], frame(fx, k + 1), "frame " + (k + 1));
        }
    }

    private static byte[] jpeg(int length, int seed) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) seed);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        return b;
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] c = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, c, x.length, y.length);
        return c;
    }

    @Test
    void noPixelDataIs404() throws Exception {
        DicomFile df = roundTrip(image(2, 2, 8, 1), TransferSyntax.EXPLICIT_VR_LE);
        assertEquals(404, assertThrows(WadoException.class,
                () -> FrameExtractor.of(df.dataSet(), df.transferSyntax())).status());
    }
}
