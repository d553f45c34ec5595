package dev.cloudpacs.dicom.core.interop;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Test-only bridge to the DCMTK 3.6.7 command line tools, used as an independent oracle for
 * interoperability tests. Every call runs a process with a {@link DcmtkProcess#TIMEOUT} and
 * throws IllegalStateException carrying stderr when the tool exits non-zero.
 *
 * <p>Output decoding: dcmdump prints values in the file's own character set, so stdout is
 * decoded as ISO-8859-1 (one char per byte; recover the bytes with
 * {@code value.getBytes(ISO_8859_1)}), unless {@code +U8}/{@code --convert-to-utf8} is among
 * the options, in which case it is decoded as UTF-8. Note that the Debian build uses iconv,
 * which cannot convert ISO 2022 IR 87 with +U8, and that +U8 rewrites (0008,0005) to ISO_IR 192.
 */
public final class Dcmtk {

    /**
     * Options {@link #dcmdump} always passes: {@code +L} prints long values completely,
     * {@code -Un} prints UIDs as numbers instead of names like {@code =CTImageStorage},
     * {@code -dc} disables DCMTK's automatic input correction so values are shown as stored
     * (e.g. with their padding byte). UN elements are retained as UN (dcmdump default
     * {@code -uc}); pass {@code +uc} to convert them to dictionary VRs. Later options win.
     */
    public static final List<String> DCMDUMP_OPTIONS = List.of("+L", "-Un", "-dc");

    static final String SKIP_MESSAGE = "DCMTK not installed (apt-get install dcmtk): skipping interop test";

    private static final List<String> TOOLS = List.of("dcmdump", "dump2dcm", "dcmconv");
    private static volatile Boolean available;

    private Dcmtk() {
    }

    /** True when dcmdump, dump2dcm and dcmconv are all on the PATH. */
    public static boolean available() {
        Boolean result = available;
        if (result == null) {
            result = TOOLS.stream().allMatch(DcmtkProcess::onPath);
            available = result;
        }
        return result;
    }

    /** Skips the calling test (visibly, on stderr) when DCMTK is not installed. */
    public static void assumeAvailable() {
        boolean present = available();
        if (!present) {
            System.err.println(SKIP_MESSAGE);
        }
        Assumptions.assumeTrue(present, SKIP_MESSAGE);
    }

    /** Converts a dump text file to DICOM with {@code dump2dcm options dumpFile out}; returns out. */
    public static Path dump2dcm(Path dumpFile, Path out, String... options) {
        DcmtkProcess.run("dump2dcm", arguments(options, dumpFile, out));
        return out;
    }

    /** Re-encodes a DICOM file with {@code dcmconv options in out}; returns out. */
    public static Path dcmconv(Path in, Path out, String... options) {
        DcmtkProcess.run("dcmconv", arguments(options, in, out));
        return out;
    }

    /** Returns the stdout of {@code dcmdump options file}, with exactly the given options. */
    public static String dcmdumpText(Path file, String... options) {
        return DcmtkProcess.run("dcmdump", arguments(options, file)).stdout(stdoutCharset(options));
    }

    /** Dumps a file with {@link #DCMDUMP_OPTIONS} plus extra options and parses every element line. */
    public static List<DumpLine> dcmdump(Path file, String... extraOptions) {
        List<String> options = new ArrayList<>(DCMDUMP_OPTIONS);
        options.addAll(Arrays.asList(extraOptions));
        return DcmdumpParser.parse(dcmdumpText(file, options.toArray(String[]::new)));
    }

    /** Like {@link #dcmdump} but returns only the data set lines (no file meta information). */
    public static List<DumpLine> dcmdumpDataSet(Path file, String... extraOptions) {
        return dcmdump(file, extraOptions).stream().filter(line -> !line.meta()).toList();
    }

    private static Charset stdoutCharset(String... options) {
        boolean utf8 = Arrays.asList(options).contains("+U8") || Arrays.asList(options).contains("--convert-to-utf8");
        return utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    private static List<String> arguments(String[] options, Path... files) {
        List<String> args = new ArrayList<>(Arrays.asList(options));
        for (Path file : files) {
            args.add(file.toString());
        }
        return args;
    }
}
