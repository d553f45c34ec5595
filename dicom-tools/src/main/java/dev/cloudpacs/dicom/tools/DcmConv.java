package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/** {@code dcm_conv}: re-encodes a DICOM file in another uncompressed transfer syntax. */
@Command(name = "dcm_conv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert a DICOM file to another transfer syntax (uncompressed or deflated).",
                "Compressed pixel data is kept only when the target is the same syntax."})
final class DcmConv implements Callable<Integer> {
    /** The syntaxes a user can name, with the words used on the command line. */
    enum Target {
        implicit_vr_le(TransferSyntax.IMPLICIT_VR_LE),
        explicit_vr_le(TransferSyntax.EXPLICIT_VR_LE),
        explicit_vr_be(TransferSyntax.EXPLICIT_VR_BE),
        deflated(TransferSyntax.DEFLATED_EXPLICIT_VR_LE);

        final TransferSyntax ts;

        Target(TransferSyntax ts) {
            this.ts = ts;
        }
    }

    @Option(names = "--to", required = true, paramLabel = "SYNTAX",
            description = "target transfer syntax: ${COMPLETION-CANDIDATES}")
    Target to;

    @Option(names = "--lengths", defaultValue = "AS_READ", paramLabel = "MODE",
            description = "sequence and item lengths: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    WriteOptions.LengthEncoding lengths;

    @Option(names = "--group-length", description = "write group length elements (gggg,0000)")
    boolean groupLength;

    @Option(names = "--no-meta", description = "write a bare data set without preamble and meta header")
    boolean noMeta;

    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT")
    Path out;

    @Override
    public Integer call() throws IOException {
        DicomFile df = DicomReader.read(in, ReadOptions.DEFAULT);
        DataSet ds = df.dataSet();
        WriteOptions opts = new WriteOptions(lengths,
                groupLength ? WriteOptions.GroupLength.RECALCULATE : WriteOptions.GroupLength.REMOVE);
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".dcm_conv-", ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                if (noMeta) {
                    DicomWriter.writeDataSet(os, ds, to.ts, opts);
                } else {
                    DataSet meta = df.fileMeta() != null ? df.fileMeta()
                            : DicomWriter.createFileMeta(df.sopClassUid(), df.sopInstanceUid(), to.ts.uid());
                    DicomWriter.writePart10(os, withOurIdentity(meta, df), ds, to.ts, opts);
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return ExitCodes.OK;
    }

    /** Keeps the source's meta elements but names us as the implementation that wrote the file. */
    private static DataSet withOurIdentity(DataSet meta, DicomFile df) {
        DataSet m = DicomWriter.createFileMeta(df.sopClassUid(), df.sopInstanceUid(), "");
        DataSet merged = new DataSet();
        merged.addAll(meta);
        merged.addAll(m);
        return merged;
    }
}
