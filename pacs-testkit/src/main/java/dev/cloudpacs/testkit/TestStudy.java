package dev.cloudpacs.testkit;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated CT study: one patient, {@code series} series of {@code perSeries} images, 16-bit pixel data
 * with a pattern per image, written as Part 10 files round-robin into {@code dirs} (several directories let
 * several senders send different instances of the same study) and stored through a front door.
 */
public final class TestStudy {
    private final String familyName;
    public final String patientId;
    public final String studyUid = UIDs.generate();
    public final List<String> seriesUids = new ArrayList<>();
    /** SOP Instance UID -> the file written. */
    public final Map<String, Path> files = new LinkedHashMap<>();
    /** SOP Instance UID -> Series Instance UID. */
    public final Map<String, String> seriesOf = new LinkedHashMap<>();

    /** A study whose Patient Name is {@code familyName^patientId}. */
    public TestStudy(String familyName, String patientId, int series, int perSeries, int rows, int columns,
                     Path... dirs) throws IOException {
        this.familyName = familyName;
        this.patientId = patientId;
        for (Path d : dirs) {
            Files.createDirectories(d);
        }
        int n = 0;
        for (int s = 0; s < series; s++) {
            String seriesUid = UIDs.generate();
            seriesUids.add(seriesUid);
            for (int i = 0; i < perSeries; i++) {
                DataSet ds = image(seriesUid, s + 1, i + 1, rows, columns);
                String iuid = ds.getString(Tag.SOPInstanceUID);
                Path f = dirs[n++ % dirs.length].resolve(iuid + ".dcm");
                DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
                files.put(iuid, f);
                seriesOf.put(iuid, seriesUid);
            }
        }
    }

    private DataSet image(String seriesUid, int seriesNumber, int number, int rows, int columns) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UIDs.generate());
        ds.setString(Tag.StudyDate, VR.DA, "20240115");
        ds.setString(Tag.StudyTime, VR.TM, "101500");
        ds.setString(Tag.AccessionNumber, VR.SH, "ACC-" + patientId);
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.PatientName, VR.PN, familyName + "^" + patientId);
        ds.setString(Tag.PatientID, VR.LO, patientId);
        ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setInt(Tag.SeriesNumber, VR.IS, seriesNumber);
        ds.setInt(Tag.InstanceNumber, VR.IS, number);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        byte[] pixels = new byte[rows * columns * 2];
        for (int p = 0; p < rows * columns; p++) {
            int v = (p * 7 + number * 31 + seriesNumber) & 0x0FFF;
            pixels[2 * p] = (byte) v;
            pixels[2 * p + 1] = (byte) (v >> 8);
        }
        ds.setValue(Tag.PixelData, VR.OW, pixels);
        return ds;
    }

    public List<String> sopInstanceUids() {
        return new ArrayList<>(files.keySet());
    }

    /** The SOP Instance UIDs of one series. */
    public List<String> inSeries(String seriesUid) {
        return seriesOf.entrySet().stream().filter(e -> e.getValue().equals(seriesUid)).map(Map.Entry::getKey)
                .toList();
    }

    /** Stores every file through the DIMSE front door with our storage SCU. */
    public TestStudy storeTo(int port) throws IOException {
        List<StoreScu.Item> items = StoreScu.scanAll(new ArrayList<>(files.values()), new ArrayList<>());
        AssociationRequest rq = new AssociationRequest("MODALITY", "PACS");
        StoreScu.proposeContexts(rq, items);
        Association as = Connector.connect("127.0.0.1", port, rq, AssociationOptions.DEFAULT, null, null);
        try {
            for (StoreScu.Item item : items) {
                StoreScu.Result r = StoreScu.send(as, item, 0, null, 0);
                if (r.status() != 0) {
                    throw new IOException("storing " + item.sopInstanceUid() + " failed: "
                            + Integer.toHexString(r.status()));
                }
            }
        } finally {
            as.release();
        }
        return this;
    }
}
