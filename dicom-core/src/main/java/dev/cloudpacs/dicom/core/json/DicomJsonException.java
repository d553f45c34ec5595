package dev.cloudpacs.dicom.core.json;

import java.io.IOException;

/**
 * DICOM JSON that cannot be read: invalid JSON, a structure that is not the DICOM JSON Model, or a
 * value that does not fit its VR. The message starts with the attribute path where the problem was
 * found, e.g. {@code 00101002[1].00100020: expected a string, got a number}; item indexes count from 0
 * and a leading {@code [n]} is the data set's index in a top-level array.
 */
public class DicomJsonException extends IOException {
    private final String path;

    public DicomJsonException(String path, String problem) {
        this(path, problem, null);
    }

    public DicomJsonException(String path, String problem, Throwable cause) {
        super((path == null || path.isEmpty() ? "(root)" : path) + ": " + problem, cause);
        this.path = path == null ? "" : path;
    }

    /** The attribute path of the problem, empty when it concerns the document as a whole. */
    public String path() {
        return path;
    }
}
