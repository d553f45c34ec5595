package dev.cloudpacs.dicom.core.io;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;

/** Data sets built in code for reader/writer tests. */
final class Samples {
    private Samples() {
    }

    /** A small CT-like image: strings of many VRs, numbers, a nested sequence, private tags, pixel data. */
    static DataSet ct(int rows, int cols) {
        DataSet ds = new DataSet();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1.1");
        ds.setString(Tag.StudyDate, VR.DA, "20240131");
        ds.setString(Tag.StudyTime, VR.TM, "101530.123");
        ds.setString(Tag.Modality, VR.CS, "CT");
        ds.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        ds.setString(Tag.PatientID, VR.LO, "PID-0001");
        ds.setString(Tag.PatientAge, VR.AS, "042Y");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1.2");
        ds.setString(Tag.StudyDescription, VR.LO, "CT Thorax");
        ds.setString(Tag.ImageComments, VR.LT, "  leading spaces kept in LT");
        Sequence refs = ds.newSequence(Tag.ReferencedImageSequence, 2);
        for (int k = 0; k < 2; k++) {
            DataSet item = refs.addItem();
            item.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4." + k);
            Sequence inner = item.newSequence(Tag.PurposeOfReferenceCodeSequence, 1);
            DataSet code = inner.addItem();
            code.setString(Tag.CodeValue, VR.SH, "121311");
            code.setString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
        }
        ds.newSequence(Tag.OtherPatientIDsSequence, 0);
        ds.setDouble(Tag.ImagePositionPatient, VR.DS, -125.5, -130.25, 42.0);
        ds.setDouble(Tag.PixelSpacing, VR.DS, 0.488281, 0.488281);
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, cols);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 1);
        ds.setInt(Tag.SmallestImagePixelValue, VR.SS, -1024);
        ds.setDouble(Tag.RescaleIntercept, VR.DS, -1024);
        ds.setDouble(Tag.RescaleSlope, VR.DS, 1);
        ds.setLong(Tag.FrameIncrementPointer, VR.AT, Tag.FrameTime);
        ds.setDouble(Tag.TableHeight, VR.DS, 150.5);
        ds.setString(0x00290010, VR.LO, "ACME 1.0");
        ds.setString(0x00291010, VR.LO, "private value");
        ds.setBytes(0x00291011, VR.UN, new byte[] {1, 2, 3, 4});
        ds.setLong(0x00291012, VR.UL, 1, 2, 3);
        ds.setDouble(0x00291013, VR.FD, Math.PI, -2.5);
        byte[] pixels = new byte[rows * cols * 2];
        for (int i = 0; i < pixels.length / 2; i++) {
            pixels[2 * i] = (byte) i;
            pixels[2 * i + 1] = (byte) (i >> 8);
        }
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        return ds;
    }
}
