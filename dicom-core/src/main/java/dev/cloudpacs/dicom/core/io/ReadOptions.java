package dev.cloudpacs.dicom.core.io;

/**
 * How the reader treats values.
 *
 * @param bulkDataThreshold      values at least this long stay in the file as a reference (when reading
 *                               from a file that is not deflated); values read from a stream stay in memory
 * @param pixelDataByReference   keep Pixel Data (and its fragments) in the file whatever its length
 * @param stopBeforeTag          stop at the first top-level element whose tag is this or greater
 *                               (unsigned); -1 reads everything
 * @param maxDepth               deepest sequence nesting accepted before the data set is called corrupt
 */
public record ReadOptions(long bulkDataThreshold, boolean pixelDataByReference, int stopBeforeTag, int maxDepth) {

    /** Keeps values of 64 KiB and more, and all pixel data, in the file; reads every element. */
    public static final ReadOptions DEFAULT = new ReadOptions(64 * 1024, true, -1, 64);

    /** Everything in memory (for small files, or when the file will not outlive the data set). */
    public static final ReadOptions IN_MEMORY = new ReadOptions(Long.MAX_VALUE, false, -1, 64);

    public ReadOptions withStopBeforeTag(int tag) {
        return new ReadOptions(bulkDataThreshold, pixelDataByReference, tag, maxDepth);
    }

    public ReadOptions withBulkDataThreshold(long threshold) {
        return new ReadOptions(threshold, pixelDataByReference, stopBeforeTag, maxDepth);
    }
}
