package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.json.DicomJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dcm_dump}: prints DICOM files one element per line, as raw headers, or as DICOM JSON. */
@Command(name = "dcm_dump", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the contents of DICOM files, one element per line (like DCMTK's dcmdump).",
                "Exit status: 0 when every file was printed, 1 when any could not be read."})
final class DcmDump implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "DICOM files (Part 10 or bare data sets)")
    List<Path> files;

    @Option(names = {"+L", "--print-all"}, description = "print long values completely")
    boolean printAll;

    @Option(names = {"-Un", "--no-uid-names"}, description = "print UIDs as numbers, not names")
    boolean noUidNames;

    @Option(names = "--raw", description = "print element headers as they sit in the file, without parsing"
            + " values (for broken files)")
    boolean raw;

    @Option(names = "--raw-count", paramLabel = "N", defaultValue = "200",
            description = "with --raw: stop after N headers (default ${DEFAULT-VALUE})")
    int rawCount;

    @Option(names = "--json", description = "print the data set as DICOM JSON (PS3.18 Annex F)")
    boolean json;

    @Option(names = {"-M", "--meta"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "print the file meta information header (default: on)")
    boolean meta;

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
                System.err.println("dcm_dump: " + f + ": " + ToolSupport.describe(e));
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
