package dev.cloudpacs.dicom.core.interop;

import java.nio.file.Path;

/**
 * One DICOM file of the DCMTK-built test corpus.
 *
 * @param name              file name without {@code .dcm}, e.g. {@code ct-image-ile}
 * @param source            name of the dump resource it was built from, e.g. {@code ct-image}
 * @param path              location of the built file
 * @param transferSyntaxUid transfer syntax of the data set encoding
 * @param dataSetOnly       true for a bare data set without preamble and file meta information
 * @param description       what the file contains and how it is encoded
 */
public record CorpusFile(String name, String source, Path path, String transferSyntaxUid,
                         boolean dataSetOnly, String description) {
}
