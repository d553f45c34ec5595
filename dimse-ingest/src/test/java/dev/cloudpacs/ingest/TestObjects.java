package dev.cloudpacs.ingest;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small CT objects for ingest tests, written as Part 10 files. */
final class TestObjects {
    private TestObjects() {
    }

    /** A study of {@code count} instances in one series; returns the files. */
    static List<Path> study(Path dir, String studyUid, int count) throws IOException {
        Files.createDirectories(dir);
        String seriesUid = UIDs.generate();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DataSet ds = ct(studyUid, seriesUid, UIDs.generate(), i + 1);
            Path f = dir.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
            DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
            files.add(f);
        }
        return files;
    }

    static DataSet ct(String studyUid, String seriesUid, String sopUid, int number) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, sopUid);
        ds.setString(Tag.StudyDate, VR.DA, "20240131");
        ds.setString(Tag.StudyTime, VR.TM, "101500");
        ds.setString(Tag.AccessionNumber, VR.SH, "ACC42");
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.StudyDescription, VR.LO, "CT Thorax");
        ds.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        ds.setString(Tag.PatientID, VR.LO, "PID-" + studyUid.substring(studyUid.length() - 6));
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.PatientSex, VR.CS, "M");
        ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setInt(Tag.SeriesNumber, VR.IS, 2);
        ds.setInt(Tag.InstanceNumber, VR.IS, number);
        ds.setInt(Tag.Rows, VR.US, 64);
        ds.setInt(Tag.Columns, VR.US, 64);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        byte[] px = new byte[64 * 64 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7 + number);
        }
        ds.setBytes(Tag.PixelData, VR.OW, px);
        return ds;
    }
}
