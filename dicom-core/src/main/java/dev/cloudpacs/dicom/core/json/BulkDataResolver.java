package dev.cloudpacs.dicom.core.json;

import dev.cloudpacs.dicom.core.VR;

import java.io.IOException;

/**
 * Fetches the value behind a {@code "BulkDataURI"} (PS3.18 F.2.6) while {@link DicomJsonReader}
 * reads, e.g. from a local cache or a WADO-RS bulk data request.
 */
@FunctionalInterface
public interface BulkDataResolver {

    /**
     * The value bytes in little endian byte order (as a WADO-RS bulk data response carries them), or
     * null when the value should stay unresolved; the reader then reports it as a
     * {@link BulkDataReference}.
     *
     * @throws IOException when fetching fails; the reader wraps it in a {@link DicomJsonException}
     *     naming the attribute
     */
    byte[] resolve(String uri, VR vr) throws IOException;
}
