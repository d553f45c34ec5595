package dev.cloudpacs.dicom.tools.bench;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates realistic CT image files (a typical scanner header of ~70 attributes, 16-bit pixels) for
 * benchmarks: {@code CtGenerator DIR COUNT [ROWS COLS] [PER_SERIES]}.
 */
public final class CtGenerator {
    private CtGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CtGenerator DIR COUNT [ROWS COLS] [INSTANCES_PER_SERIES]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int rows = args.length > 3 ? Integer.parseInt(args[2]) : 512;
        int cols = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        int perSeries = args.length > 4 ? Integer.parseInt(args[4]) : count;
        generate(dir, count, rows, cols, perSeries, 42);
    }

    /** Writes {@code count} files named {@code ct00000.dcm}, ... into {@code dir}. */
    public static void generate(Path dir, int count, int rows, int cols, int perSeries, long seed) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(seed);
        byte[] pixels = new byte[rows * cols * 2];
        String study = UIDs.generate();
        String series = UIDs.generate();
        for (int i = 0; i < count; i++) {
            if (i > 0 && i % perSeries == 0) {
                study = UIDs.generate();
                series = UIDs.generate();
            }
            // A smooth phantom plus noise: compressible like real CT, different in every slice.
            for (int p = 0; p < rows * cols; p++) {
                int y = p / cols;
                int x = p % cols;
                int dx = x - cols / 2;
                int dy = y - rows / 2;
                int v = dx * dx + dy * dy < (rows * rows) / 5 ? 1040 + (i % 40) : 0;
                v += rnd.nextInt(32);
                pixels[2 * p] = (byte) v;
                pixels[2 * p + 1] = (byte) (v >> 8);
            }
            DataSet ds = header(i, study, series, rows, cols);
            ds.setBytes(Tag.PixelData, VR.OW, pixels.clone());
            DicomWriter.writeFile(dir.resolve(String.format("ct%05d.dcm", i)), ds, TransferSyntax.EXPLICIT_VR_LE,
                    WriteOptions.DEFAULT);
        }
    }

    /** The header of CT image {@code i} (0-based) of a series, with a new SOP Instance UID and no pixel data. */
    public static DataSet header(int i, String study, String series, int rows, int cols) {
        DataSet ds = new DataSet(96);
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.InstanceCreationDate, VR.DA, "20240131");
        ds.setString(Tag.InstanceCreationTime, VR.TM, "101530");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UIDs.generate());
        ds.setString(Tag.StudyDate, VR.DA, "20240131");
        ds.setString(Tag.SeriesDate, VR.DA, "20240131");
        ds.setString(Tag.AcquisitionDate, VR.DA, "20240131");
        ds.setString(Tag.ContentDate, VR.DA, "20240131");
        ds.setString(Tag.StudyTime, VR.TM, "101500");
        ds.setString(Tag.SeriesTime, VR.TM, "101510");
        ds.setString(Tag.AcquisitionTime, VR.TM, "101520.123456");
        ds.setString(Tag.ContentTime, VR.TM, "101530.123456");
        ds.setString(Tag.AccessionNumber, VR.SH, "ACC" + (100000 + i / 100));
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.Manufacturer, VR.LO, "CloudPACS Phantom Works");
        ds.setString(Tag.InstitutionName, VR.LO, "General Hospital");
        ds.setString(Tag.ReferringPhysicianName, VR.PN, "Referrer^Rita^^Dr.");
        ds.setString(Tag.StationName, VR.SH, "CT01");
        ds.setString(Tag.StudyDescription, VR.LO, "CT THORAX WITH CONTRAST");
        ds.setString(Tag.SeriesDescription, VR.LO, "Axial 1.25mm");
        ds.setString(Tag.ManufacturerModelName, VR.LO, "Phantom 64");
        Sequence code = ds.newSequence(Tag.ProcedureCodeSequence, 1);
        DataSet item = code.addItem();
        item.setString(Tag.CodeValue, VR.SH, "CTCHEST");
        item.setString(Tag.CodingSchemeDesignator, VR.SH, "LOCAL");
        item.setString(Tag.CodeMeaning, VR.LO, "CT Chest with contrast");
        ds.setString(Tag.PatientName, VR.PN, "Patient^Test^" + (i / 100));
        ds.setString(Tag.PatientID, VR.LO, "PID" + (10000 + i / 100));
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.PatientSex, VR.CS, i % 2 == 0 ? "F" : "M");
        ds.setString(Tag.PatientAge, VR.AS, "054Y");
        ds.setString(Tag.BodyPartExamined, VR.CS, "CHEST");
        ds.setDouble(Tag.SliceThickness, VR.DS, 1.25);
        ds.setDouble(Tag.KVP, VR.DS, 120);
        ds.setDouble(Tag.DataCollectionDiameter, VR.DS, 500);
        ds.setString(Tag.SoftwareVersions, VR.LO, "1.0");
        ds.setDouble(Tag.ReconstructionDiameter, VR.DS, 360);
        ds.setDouble(Tag.DistanceSourceToDetector, VR.DS, 949.075);
        ds.setDouble(Tag.DistanceSourceToPatient, VR.DS, 541);
        ds.setDouble(Tag.GantryDetectorTilt, VR.DS, 0);
        ds.setDouble(Tag.TableHeight, VR.DS, 150.5);
        ds.setString(Tag.RotationDirection, VR.CS, "CW");
        ds.setInt(Tag.ExposureTime, VR.IS, 500);
        ds.setInt(Tag.XRayTubeCurrent, VR.IS, 250);
        ds.setInt(Tag.Exposure, VR.IS, 125);
        ds.setString(Tag.ConvolutionKernel, VR.SH, "STANDARD");
        ds.setString(Tag.PatientPosition, VR.CS, "HFS");
        ds.setString(Tag.StudyInstanceUID, VR.UI, study);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tag.StudyID, VR.SH, "1");
        ds.setInt(Tag.SeriesNumber, VR.IS, 2);
        ds.setInt(Tag.AcquisitionNumber, VR.IS, 1);
        ds.setInt(Tag.InstanceNumber, VR.IS, i + 1);
        ds.setDouble(Tag.ImagePositionPatient, VR.DS, -180, -180, -1.25 * i);
        ds.setDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
        ds.setString(Tag.FrameOfReferenceUID, VR.UI, series + ".1");
        ds.setString(Tag.PositionReferenceIndicator, VR.LO, "SN");
        ds.setDouble(Tag.SliceLocation, VR.DS, -1.25 * i);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, cols);
        ds.setDouble(Tag.PixelSpacing, VR.DS, 0.703125, 0.703125);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        ds.setDouble(Tag.WindowCenter, VR.DS, 40);
        ds.setDouble(Tag.WindowWidth, VR.DS, 400);
        ds.setDouble(Tag.RescaleIntercept, VR.DS, -1024);
        ds.setDouble(Tag.RescaleSlope, VR.DS, 1);
        ds.setString(Tag.RescaleType, VR.LO, "HU");
        return ds;
    }
}
