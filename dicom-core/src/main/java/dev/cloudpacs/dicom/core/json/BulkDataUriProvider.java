package dev.cloudpacs.dicom.core.json;

import dev.cloudpacs.dicom.core.data.DataSet;

/**
 * Decides which values {@link DicomJsonWriter} writes as a {@code "BulkDataURI"} instead of inline
 * (PS3.18 F.2.6), typically a WADO-RS bulk data URL built from the instance UIDs and the path.
 *
 * <p>The writer asks once per bulk data value: values of the binary VRs (OB, OD, OF, OL, OV, OW, UN),
 * encapsulated pixel data ({@link dev.cloudpacs.dicom.core.data.Fragments}) and any value still held
 * in its file ({@link dev.cloudpacs.dicom.core.data.BulkData}). Empty values are never offered.
 */
@FunctionalInterface
public interface BulkDataUriProvider {

    /**
     * The URI for a value, or null to let the writer inline or omit it.
     *
     * @param dataSet the data set (or sequence item) holding the element; its top-level data set is
     *     reached through {@link DataSet#parent()}
     * @param path from the top-level data set: tag, item index, tag, item index, ..., tag; the last
     *     entry is the element's tag, e.g. {@code {0x00540016, 0, 0x00181078}}
     * @param value the raw value: {@code byte[]} in the data set's byte order, a {@code BulkData} or
     *     {@code Fragments}
     */
    String bulkDataUri(DataSet dataSet, int[] path, Object value);
}
