package dev.cloudpacs.dicom.core.io;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed DICOM file.
 *
 * @param path           where it was read from (null for a stream)
 * @param fileMeta       the File Meta Information (group 0002), or null for a bare data set
 * @param dataSet        the data set
 * @param transferSyntax the syntax the data set was actually read in (which can differ from the meta
 *                       header's claim when the file is defective; see warnings)
 * @param dataSetOffset  byte offset of the data set's first element
 * @param warnings       defects tolerated while reading, in words
 */
public record DicomFile(Path path, DataSet fileMeta, DataSet dataSet, TransferSyntax transferSyntax,
                        long dataSetOffset, List<String> warnings) {

    /** True when the file had a Part 10 preamble, DICM prefix and meta group. */
    public boolean isPart10() {
        return fileMeta != null;
    }

    /** SOP Class UID from the data set, else from the meta header. */
    public String sopClassUid() {
        String s = dataSet.getString(Tag.SOPClassUID);
        return s != null || fileMeta == null ? s : fileMeta.getString(Tag.MediaStorageSOPClassUID);
    }

    /** SOP Instance UID from the data set, else from the meta header. */
    public String sopInstanceUid() {
        String s = dataSet.getString(Tag.SOPInstanceUID);
        return s != null || fileMeta == null ? s : fileMeta.getString(Tag.MediaStorageSOPInstanceUID);
    }
}
