package dev.cloudpacs.retrieve;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.service.StoreScu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The unusual objects the WADO tests need, in one study of their own: a native multi-frame image (with
 * a nested bulk value in an icon), a JPEG Baseline image of two frames whose second frame spans two
 * fragments (so only the Basic Offset Table tells the frames apart), and an Explicit VR Big Endian one.
 */
public final class WadoObjects {
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final int ROWS = 32;
    public static final int COLUMNS = 24;
    public static final int FRAMES = 3;

    public final String studyUid = UIDs.generate();
    public final String seriesUid = UIDs.generate();
    public final String multiFrameUid = UIDs.generate();
    public final String jpegUid = UIDs.generate();
    public final String bigEndianUid = UIDs.generate();
    /** Native pixel data (little endian) of the multi-frame and big endian objects, as generated. */
    public final byte[] multiFramePixels;
    public final byte[] iconPixels;
    public final byte[] bigEndianPixels;
    /** The compressed bytes of the JPEG object's two frames. */
    public final byte[] jpegFrame1;
    public final byte[] jpegFrame2;
    public final List<Path> files = new ArrayList<>();

    public WadoObjects(Path dir) throws IOException {
        Files.createDirectories(dir);
        multiFramePixels = pixels(ROWS * COLUMNS * FRAMES, 5);
        iconPixels = pixels(32 * 32, 9);
        DataSet mf = image(multiFrameUid, 1, multiFramePixels);
        mf.setInt(Tag.NumberOfFrames, VR.IS, FRAMES);
        DataSet icon = mf.newSequence(Tag.IconImageSequence, 1).addItem();
        icon.setInt(Tag.Rows, VR.US, 32);
        icon.setInt(Tag.Columns, VR.US, 32);
        icon.setValue(Tag.PixelData, VR.OW, iconPixels);
        write(dir, mf, TransferSyntax.EXPLICIT_VR_LE);

        jpegFrame1 = fakeJpeg(300, 1);
        jpegFrame2 = fakeJpeg(500, 2);
        DataSet jpeg = image(jpegUid, 2, null);
        jpeg.setInt(Tag.NumberOfFrames, VR.IS, 2);
        Fragments f = new Fragments();
        byte[] bot = new byte[8];
        int second = 8 + jpegFrame1.length;
        bot[4] = (byte) second;
        bot[5] = (byte) (second >> 8);
        f.add(bot);
        f.add(jpegFrame1);
        f.add(java.util.Arrays.copyOfRange(jpegFrame2, 0, 200));
        f.add(java.util.Arrays.copyOfRange(jpegFrame2, 200, jpegFrame2.length));
        jpeg.setValue(Tag.PixelData, VR.OB, f);
        write(dir, jpeg, TransferSyntax.of(JPEG_BASELINE));

        bigEndianPixels = pixels(ROWS * COLUMNS, 3);
        write(dir, image(bigEndianUid, 3, bigEndianPixels), TransferSyntax.EXPLICIT_VR_BE);
    }

    private DataSet image(String iuid, int number, byte[] pixels) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tag.StudyDate, VR.DA, "20240116");
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.PatientName, VR.PN, "WADO^OBJECTS");
        ds.setString(Tag.PatientID, VR.LO, "WADO-OBJ");
        ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setInt(Tag.SeriesNumber, VR.IS, 1);
        ds.setInt(Tag.InstanceNumber, VR.IS, number);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, ROWS);
        ds.setInt(Tag.Columns, VR.US, COLUMNS);
        ds.setInt(Tag.BitsAllocated, VR.US, pixels == null ? 8 : 16);
        ds.setInt(Tag.BitsStored, VR.US, pixels == null ? 8 : 12);
        ds.setInt(Tag.HighBit, VR.US, pixels == null ? 7 : 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        if (pixels != null) {
            ds.setValue(Tag.PixelData, VR.OW, pixels);
        }
        return ds;
    }

    /** 16-bit little endian values with a pattern, different per seed. */
    private static byte[] pixels(int count, int seed) {
        byte[] b = new byte[count * 2];
        for (int p = 0; p < count; p++) {
            int v = (p * 13 + seed * 101 + (p >> 7)) & 0x0FFF;
            b[2 * p] = (byte) v;
            b[2 * p + 1] = (byte) (v >> 8);
        }
        return b;
    }

    /** Not a decodable JPEG, only its framing: SOI, some bytes, EOI; even length as fragments need. */
    private static byte[] fakeJpeg(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed * 7);
        }
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = 0x11; // not a start marker where the second frame's tail fragment begins
        b[length - 2] = (byte) 0xFF;
        b[length - 1] = (byte) 0xD9;
        return b;
    }

    private void write(Path dir, DataSet ds, TransferSyntax ts) throws IOException {
        Path f = dir.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
        DicomWriter.writeFile(f, ds, ts, WriteOptions.DEFAULT);
        files.add(f);
    }

    /** Stores the files through the DIMSE front door, each in its own transfer syntax. */
    public WadoObjects storeTo(int port) throws IOException {
        List<StoreScu.Item> items = StoreScu.scanAll(files, new ArrayList<>());
        AssociationRequest rq = new AssociationRequest("MODALITY", ArchiveUnderTest.AE_TITLE);
        StoreScu.proposeContexts(rq, items);
        Association as = Connector.connect("127.0.0.1", port, rq, AssociationOptions.DEFAULT, null, null);
        try {
            for (StoreScu.Item item : items) {
                StoreScu.Result r = StoreScu.send(as, item, 0, null, 0);
                if (r.status() != 0) {
                    throw new IOException("storing " + item.sopInstanceUid() + " failed: "
                            + Integer.toHexString(r.status()) + " " + r.errorComment());
                }
            }
        } finally {
            as.release();
        }
        return this;
    }
}
