package dev.cloudpacs.dicom.core.io;

import java.io.IOException;

/**
 * A data set or file that cannot be parsed. The message names the problem, the byte offset and, when
 * known, the element, e.g. {@code unexpected end of file at offset 41822 while reading value of (7FE0,0010)}.
 */
public class DicomParseException extends IOException {
    private final long offset;

    public DicomParseException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** Byte offset where the problem was found (-1 when not tied to a position). */
    public long offset() {
        return offset;
    }
}
