package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Rewrites a stored Part 10 file in another uncompressed transfer syntax, with a new File Meta
 * Information. Pixel data and other large values stay in the file and are copied (byte-swapped if the
 * byte order changes) straight to the output, so memory stays bounded for any object size.
 */
public final class Transcoder {
    private Transcoder() {
    }

    /**
     * True when an object stored in {@code stored} can be sent in {@code target}: the same syntax, or
     * two syntaxes without encapsulated pixel data (no codec here decodes or encodes pixels).
     */
    public static boolean canProduce(TransferSyntax stored, TransferSyntax target) {
        return stored.uid().equals(target.uid()) || !stored.encapsulated() && !target.encapsulated();
    }

    /** Writes {@code file} as a Part 10 file in {@code target}. */
    public static void transcode(Path file, TransferSyntax target, OutputStream out) throws IOException {
        DicomFile df = DicomReader.read(file, ReadOptions.DEFAULT);
        DataSet meta = DicomWriter.createFileMeta(df.sopClassUid(), df.sopInstanceUid(), target.uid());
        String source = df.fileMeta() == null ? null : df.fileMeta().getString(Tag.SourceApplicationEntityTitle);
        if (source != null && !source.isBlank()) {
            meta.setString(Tag.SourceApplicationEntityTitle, VR.AE, source); // who sent it, still true
        }
        DicomWriter.writePart10(out, meta, df.dataSet(), target, WriteOptions.DEFAULT);
    }
}
