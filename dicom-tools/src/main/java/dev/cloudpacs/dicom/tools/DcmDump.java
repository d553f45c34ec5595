package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.FileErrors;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.json.DicomJsonWriter;
import dev.cloudpacs.dicom.tools.cli.CommandSpec;
import dev.cloudpacs.dicom.tools.cli.Converters;
import dev.cloudpacs.dicom.tools.cli.Tool;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code dcm_dump}: prints DICOM files one element per line, as raw headers, or as DICOM JSON. */
final class DcmDump implements Tool {
    final List<Path> files = new ArrayList<>();
    boolean printAll;
    boolean noUidNames;
    boolean raw;
    int rawCount;
    boolean json;
    boolean meta;

    @Override
    public CommandSpec commandSpec() {
        CommandSpec spec = new CommandSpec("dcm_dump",
                "Print the contents of DICOM files, one element per line (like DCMTK's dcmdump).",
                "Exit status: 0 when every file was printed, 1 when any could not be read.");
        spec.positional("FILE").description("DICOM files (Part 10 or bare data sets)")
                .list(1, Converters.PATH, files::add);
        spec.option("+L", "--print-all").description("print long values completely").flag(v -> printAll = v);
        spec.option("-Un", "--no-uid-names").description("print UIDs as numbers, not names").flag(v -> noUidNames = v);
        spec.option("--raw").description("print element headers as they sit in the file, without parsing"
                + " values (for broken files)").flag(v -> raw = v);
        spec.option("--raw-count").label("N").defaultValue("200")
                .description("with --raw: stop after N headers (default ${DEFAULT-VALUE})")
                .value(Converters.INT, v -> rawCount = v);
        spec.option("--json").description("print the data set as DICOM JSON (PS3.18 Annex F)").flag(v -> json = v);
        spec.option("-M", "--meta").negatable().defaultValue("true")
                .description("print the file meta information header (default: on)").flag(v -> meta = v);
        return spec;
    }

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, false,
                StandardCharsets.UTF_8);
        int failures = 0;
        for (Path f : files) {
            try {
                if (raw) {
                    new RawScanner(out, rawCount).scan(f);
                } else if (json) {
                    DicomFile df = DicomReader.read(f, ReadOptions.DEFAULT);
                    new DicomJsonWriter().prettyPrint(true).write(df.dataSet(), out);
                    out.println();
                } else {
                    dump(f, out);
                }
            } catch (Exception e) {
                out.flush();
                System.err.println("dcm_dump: " + FileErrors.describe(f, e));
                failures++;
            }
        }
        out.flush();
        return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private void dump(Path f, PrintStream out) throws Exception {
        DicomFile df = DicomReader.read(f, ReadOptions.DEFAULT);
        DumpFormat fmt = new DumpFormat(out, printAll, !noUidNames);
        if (files.size() > 1) {
            out.println("# " + f);
        }
        if (df.isPart10()) {
            out.println();
            out.println("# Dicom-File-Format");
            if (meta) {
                out.println();
                out.println("# Dicom-Meta-Information-Header");
                out.println("# Used TransferSyntax: Little Endian Explicit");
                fmt.print(df.fileMeta(), 0);
            }
        }
        out.println();
        out.println("# Dicom-Data-Set");
        out.println("# Used TransferSyntax: " + df.transferSyntax().name());
        for (String w : df.warnings()) {
            out.println("# Warning: " + w);
        }
        fmt.print(df.dataSet(), 0);
    }
}
