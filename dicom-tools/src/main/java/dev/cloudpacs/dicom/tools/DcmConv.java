package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code dcm_conv}: re-encodes a DICOM file in another uncompressed transfer syntax. */
final class DcmConv implements Tool {
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

    Target to;
    WriteOptions.LengthEncoding lengths;
    boolean groupLength;
    boolean noMeta;
    Path in;
    Path out;

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("dcm_conv",
                "Convert a DICOM file to another transfer syntax (uncompressed or deflated).",
                "Compressed pixel data is kept only when the target is the same syntax.");
        spec.positional("IN").value(Converters.PATH, v -> in = v);
        spec.positional("OUT").value(Converters.PATH, v -> out = v);
        spec.option("--to").required().label("SYNTAX").description("target transfer syntax: ${COMPLETION-CANDIDATES}")
                .value(Converters.choice(Target.values()), v -> to = v);
        spec.option("--lengths").label("MODE").defaultValue("AS_READ")
                .description("sequence and item lengths: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
                .value(Converters.choice(WriteOptions.LengthEncoding.values()), v -> lengths = v);
        spec.option("--group-length").description("write group length elements (gggg,0000)").flag(v -> groupLength = v);
        spec.option("--no-meta").description("write a bare data set without preamble and meta header")
                .flag(v -> noMeta = v);
        return spec;
    }

    @Override
    public Integer call() throws IOException {
        DicomFile df = DicomReader.read(in, ReadOptions.DEFAULT);
        DataSet ds = df.dataSet();
        WriteOptions opts = new WriteOptions(lengths,
                groupLength ? WriteOptions.GroupLength.RECALCULATE : WriteOptions.GroupLength.REMOVE);
        Path dir = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) { // say so of the output's directory, not of our temporary file in it
            throw Files.exists(dir) ? new FileSystemException(dir.toString(), null, "not a directory")
                    : new NoSuchFileException(dir.toString());
        }
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
