package dev.cloudpacs.dicom.tools.interop;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.DataSetComparator;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.dicom.tools.bench.CtGenerator;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test objects for the storage interop tests and the check that what arrived is what was sent. */
final class InteropFiles {
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    private InteropFiles() {
    }

    /** {@code count} small (64x64) CT images in explicit VR little endian, one series. */
    static List<Path> ct(Path dir, int count, long seed) throws IOException {
        CtGenerator.generate(dir, count, 64, 64, count, seed);
        return list(dir);
    }

    /**
     * The mixed set: {@code ctCount} CT files in explicit LE, one each in implicit LE, explicit BE and
     * deflated (converted from a CT with a new SOP Instance UID), and one JPEG Baseline secondary capture.
     */
    static List<Path> mixed(Path dir, int ctCount) throws IOException {
        List<Path> files = new ArrayList<>(ct(dir.resolve("ct"), ctCount, 11));
        Path src = files.get(0);
        Path other = Files.createDirectories(dir.resolve("other"));
        files.add(converted(src, other.resolve("implicit.dcm"), TransferSyntax.IMPLICIT_VR_LE));
        files.add(converted(src, other.resolve("big-endian.dcm"), TransferSyntax.EXPLICIT_VR_BE));
        files.add(oddDeflated(src, other.resolve("deflated.dcm")));
        files.add(jpegBaseline(other.resolve("jpeg-baseline.dcm")));
        return files;
    }

    /** A copy of {@code src} with a new SOP Instance UID, written in {@code ts} by our DicomWriter. */
    static Path converted(Path src, Path out, TransferSyntax ts) throws IOException {
        DataSet ds = DicomReader.read(src, ReadOptions.IN_MEMORY).dataSet();
        ds.setString(Tag.SOPInstanceUID, VR.UI, UIDs.generate());
        DicomWriter.writeFile(out, ds, ts, WriteOptions.DEFAULT);
        return out;
    }

    /**
     * A deflated copy whose deflated stream has odd length (new UIDs until it has), so it must travel
     * padded to an even length: DCMTK refuses odd PDV fragments.
     */
    static Path oddDeflated(Path src, Path out) throws IOException {
        for (int i = 0; i < 64; i++) {
            converted(src, out, TransferSyntax.DEFLATED_EXPLICIT_VR_LE);
            if ((Files.size(out) - StoreScu.scan(out).dataSetOffset()) % 2 == 1) {
                return out;
            }
        }
        throw new AssertionError("no odd-length deflated stream in 64 tries");
    }

    /** A 16x16 8-bit secondary capture with one real JPEG Baseline fragment (made by ImageIO). */
    static Path jpegBaseline(Path out) throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.getRaster().setSample(x, y, 0, (x * 16 + y * 3) & 0xFF);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "jpeg", jpeg), "no JPEG writer");
        byte[] frame = jpeg.toByteArray();
        if (frame.length % 2 != 0) {
            frame = Arrays.copyOf(frame, frame.length + 1); // fragments have even length; EOI stays intact
        }
        DataSet ds = new DataSet();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UIDs.generate());
        ds.setString(Tag.StudyDate, VR.DA, "20240131");
        ds.setString(Tag.Modality, VR.CS, "OT");
        ds.setString(Tag.ConversionType, VR.CS, "WSD");
        ds.setString(Tag.PatientName, VR.PN, "Jpeg^Test");
        ds.setString(Tag.PatientID, VR.LO, "JPEG1");
        ds.setString(Tag.StudyInstanceUID, VR.UI, UIDs.generate());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, UIDs.generate());
        ds.setInt(Tag.InstanceNumber, VR.IS, 1);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, 16);
        ds.setInt(Tag.Columns, VR.US, 16);
        ds.setInt(Tag.BitsAllocated, VR.US, 8);
        ds.setInt(Tag.BitsStored, VR.US, 8);
        ds.setInt(Tag.HighBit, VR.US, 7);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        ds.setString(Tag.LossyImageCompression, VR.CS, "01");
        Fragments fragments = new Fragments();
        fragments.add(new byte[0]); // empty Basic Offset Table
        fragments.add(frame);
        ds.setValue(Tag.PixelData, VR.OB, fragments);
        DicomWriter.writeFile(out, ds, TransferSyntax.of(JPEG_BASELINE), WriteOptions.DEFAULT);
        return out;
    }

    /** Regular files under {@code dir}, sorted. */
    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("dcmtk-"))
                    .sorted().toList();
        }
    }

    /** How the received copies relate to the sent files. */
    record Comparison(int byteIdentical, int converted, Map<String, String> receivedSyntax) {
    }

    /**
     * Asserts that every original object is in {@code dir} (by SOP Instance UID) with the same parsed
     * content, whatever syntax and encoding details (sequence lengths, group lengths) the path took;
     * returns each original's received transfer syntax by file name.
     */
    static Map<String, String> assertSameContent(List<Path> originals, Path dir) throws IOException {
        Map<String, StoreScu.Item> received = receivedByUid(dir);
        assertEquals(originals.size(), received.size(), "objects in " + dir + ": " + received.keySet());
        Map<String, String> syntaxes = new HashMap<>();
        for (Path p : originals) {
            StoreScu.Item r = received.get(StoreScu.scan(p).sopInstanceUid());
            assertTrue(r != null, p + " was not received");
            syntaxes.put(p.getFileName().toString(), r.transferSyntaxUid());
            String diff = DataSetComparator.firstDifference(DicomReader.read(p, ReadOptions.IN_MEMORY).dataSet(),
                    DicomReader.read(r.path(), ReadOptions.IN_MEMORY).dataSet());
            assertEquals(null, diff, p + " vs " + r.path() + " (" + r.transferSyntaxUid() + ")");
        }
        return syntaxes;
    }

    private static Map<String, StoreScu.Item> receivedByUid(Path dir) throws IOException {
        Map<String, StoreScu.Item> received = new HashMap<>();
        for (Path p : list(dir)) {
            if (!p.getFileName().toString().startsWith(".") && !p.getFileName().toString().equals("index.dat")) {
                StoreScu.Item it = StoreScu.scan(p);
                received.put(it.sopInstanceUid(), it);
            }
        }
        return received;
    }

    /**
     * Asserts that every sent object arrived in {@code receivedDir} (found by SOP Instance UID, whatever
     * the receiver named the file) with the same data set: the same bytes after the meta group when
     * the transfer syntax is unchanged, else the same parsed content.
     */
    static Comparison assertReceived(List<Path> sent, Path receivedDir) throws IOException {
        Map<String, StoreScu.Item> received = receivedByUid(receivedDir);
        assertEquals(sent.size(), received.size(), "objects received in " + receivedDir + ": " + received.keySet());
        int same = 0;
        int converted = 0;
        Map<String, String> syntaxes = new HashMap<>();
        for (Path p : sent) {
            StoreScu.Item s = StoreScu.scan(p);
            StoreScu.Item r = received.get(s.sopInstanceUid());
            assertTrue(r != null, p + " (" + s.sopInstanceUid() + ") was not received");
            syntaxes.put(p.getFileName().toString(), r.transferSyntaxUid());
            if (s.transferSyntaxUid().equals(r.transferSyntaxUid())) {
                byte[] a = Files.readAllBytes(p);
                byte[] b = Files.readAllBytes(r.path());
                int bEnd = b.length;
                if (TransferSyntax.of(s.transferSyntaxUid()).deflated() && (a.length - s.dataSetOffset()) % 2 == 1
                        && bEnd - r.dataSetOffset() == a.length - s.dataSetOffset() + 1 && b[bEnd - 1] == 0) {
                    bEnd--; // an odd deflated stream travels padded with one NUL (PDV fragments are even)
                }
                int mismatch = Arrays.mismatch(a, (int) s.dataSetOffset(), a.length, b, (int) r.dataSetOffset(), bEnd);
                assertEquals(-1, mismatch, p + " and " + r.path() + " (both " + s.transferSyntaxUid()
                        + "): data set bytes differ at data set offset " + mismatch);
                same++;
            } else {
                DicomFile a = DicomReader.read(p, ReadOptions.IN_MEMORY);
                DicomFile b = DicomReader.read(r.path(), ReadOptions.IN_MEMORY);
                String diff = DataSetComparator.firstDifference(a.dataSet(), b.dataSet());
                assertEquals(null, diff, p + " (" + s.transferSyntaxUid() + ") vs " + r.path() + " ("
                        + r.transferSyntaxUid() + ")");
                converted++;
            }
        }
        return new Comparison(same, converted, syntaxes);
    }
}
