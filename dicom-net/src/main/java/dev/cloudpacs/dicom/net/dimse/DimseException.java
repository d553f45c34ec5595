package dev.cloudpacs.dicom.net.dimse;

import java.io.IOException;

/**
 * A DIMSE command set that cannot be understood: bytes that are not Implicit VR Little Endian,
 * elements outside group 0000, a missing or unknown Command Field, a wrong Command Group Length.
 * Checked and an {@link IOException} because it describes bad input from a peer, which a service
 * provider answers by aborting the association (PS3.7 section 8.3), not a programming error.
 */
public class DimseException extends IOException {
    private static final long serialVersionUID = 1L;

    public DimseException(String message) {
        super(message);
    }

    public DimseException(String message, Throwable cause) {
        super(message, cause);
    }
}
