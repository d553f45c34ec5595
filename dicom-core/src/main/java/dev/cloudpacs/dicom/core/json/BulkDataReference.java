package dev.cloudpacs.dicom.core.json;

import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;

/**
 * A {@code "BulkDataURI"} the reader did not resolve. The element is present in {@code dataSet} with
 * an empty value so the data set keeps its shape; fill it in later with
 * {@code dataSet.setBytes(tag, vr, littleEndianBytes)}.
 *
 * @param dataSet the data set or sequence item holding the element
 * @param tag     the element's tag
 * @param vr      the element's VR
 * @param uri     the bulk data URI as given
 * @param path    the attribute path, e.g. {@code 00540016[0].7FE00010}
 */
public record BulkDataReference(DataSet dataSet, int tag, VR vr, String uri, String path) {
}
