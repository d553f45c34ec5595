package dev.cloudpacs.dicom.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The tools' command lines as users see them: help, usage errors and exit statuses. */
class CommandLineTest {
    private static final List<String> NET = List.of("-aet, --calling-ae=AE", "-aec, --called-ae=AE", "-v, --verbose",
            "-to, --connect-timeout=S", "-ta, --acse-timeout=S", "-td, --dimse-timeout=S", "-pdu, --max-pdu=N", "--tls",
            "--key-store=FILE", "--key-store-pass[=PASS]", "--trust-store=FILE", "--trust-store-pass[=PASS]",
            "--user=NAME", "--password[=PASS]", "--jwt=TOKEN");
    private static final List<String> QUERY = List.of("-k, --key=KEY[=VALUE]", "-P, --patient-root", "-S, --study-root",
            "-L, --level=LEVEL");

    /** Every option each tool had (names and value label), as its help listed them under picocli. */
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "dcm_dump", List.of("+L, --print-all", "-Un, --no-uid-names", "--raw", "--raw-count=N", "--json",
                    "-M, --[no-]meta"),
            "dcm_info", List.of("-r, --recursive", "--json"),
            "dcm_conv", List.of("--to=SYNTAX", "--lengths=MODE", "--group-length", "--no-meta"),
            "echo_scu", concat(List.of("--repeat=N"), NET),
            "store_scu", NET,
            "find_scu", concat(NET, QUERY, List.of("--json", "--cancel-after=N")),
            "move_scu", concat(List.of("-aem, --move-destination=AE", "--cancel-after=N"), NET, QUERY),
            "get_scu", concat(List.of("-od, --output-directory=DIR", "--sop-class=UID"), NET, QUERY),
            "commit_scu", concat(List.of("--listen=PORT", "--wait=S"), NET),
            "store_scp", List.of("-p, --port=PORT", "-b, --bind=ADDR", "-aet, --ae-title=AE", "--any-ae",
                    "-od, --storage-dir=DIR", "--[no-]fsync", "-v, --verbose", "--max-associations=N", "--tls",
                    "--key-store=FILE", "--key-store-pass[=PASS]", "--trust-store=FILE", "--trust-store-pass[=PASS]",
                    "--require-client-cert"));

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    @Test
    void helpListsEveryOptionOfEveryTool() {
        OPTIONS.forEach((tool, options) -> {
            ToolRunner r = ToolRunner.run(tool, "--help");
            assertEquals(0, r.status(), tool + ": " + r.err());
            assertEquals("", r.err(), tool);
            assertTrue(r.out().startsWith("Usage: " + tool + " [OPTIONS]"), r.out());
            for (String o : concat(options, List.of("-h, --help", "-V, --version"))) {
                assertTrue(r.out().contains(" " + o + " ") || r.out().contains(" " + o + "\n"),
                        tool + " --help lists " + o + ":\n" + r.out());
            }
            for (String line : r.out().split("\n")) {
                assertTrue(line.length() <= 80, tool + ": help line too wide: " + line);
            }
        });
    }

    @Test
    void helpShowsTheDefaults() {
        assertTrue(ToolRunner.run("store_scu", "-h").out().contains("our AE title (default: CLOUDPACS)"));
        assertTrue(ToolRunner.run("echo_scu", "-h").out().contains("the peer's AE title (default: ANY-SCP)"));
        assertTrue(ToolRunner.run("store_scp", "-h").out().contains("our AE title (default: STORESCP)"));
        assertTrue(ToolRunner.run("dcm_dump", "-h").out().contains("stop after N headers (default 200)"));
        String conv = ToolRunner.run("dcm_conv", "-h").out();
        assertTrue(conv.contains("target transfer syntax: implicit_vr_le, explicit_vr_le,"), conv);
        assertTrue(conv.contains("AS_READ, EXPLICIT, UNDEFINED") && conv.contains("(default AS_READ)"), conv);
    }

    @Test
    void versionExitsWithoutRunning() {
        ToolRunner r = ToolRunner.run("store_scu", "--version");
        assertEquals(0, r.status());
        assertEquals("", r.err());
        // From classes (as here) the manifest's version is not there; the launchers' jar has it.
        assertEquals("store_scu (CloudPACS dicom-tools) unknown", r.out().strip());
        assertEquals(0, ToolRunner.run("echo_scu", "-V").status());
    }

    @Test
    void badCommandLinesNameTheProblemInOneLineAndExit2() {
        assertUsage(ToolRunner.run("store_scu", "--bogus", "h", "104", "f"), "store_scu", "Unknown option: '--bogus'");
        assertUsage(ToolRunner.run("store_scu"), "store_scu", "Missing required parameters: 'HOST', 'PORT', 'FILE|DIR'");
        assertUsage(ToolRunner.run("store_scu", "host", "notanumber", "f"), "store_scu",
                "Invalid value for PORT: 'notanumber' is not an integer");
        assertUsage(ToolRunner.run("echo_scu", "host", "104", "extra"), "echo_scu", "Unexpected argument: 'extra'");
        assertUsage(ToolRunner.run("echo_scu", "-aet"), "echo_scu", "option '-aet' needs a value (AE)");
        assertUsage(ToolRunner.run("move_scu", "host", "104"), "move_scu",
                "Missing required option: '-aem, --move-destination=AE'");
        assertUsage(ToolRunner.run("dcm_conv", "--to", "jpeg", "a", "b"), "dcm_conv",
                "Invalid value for option '--to': 'jpeg' is not one of implicit_vr_le, explicit_vr_le, explicit_vr_be,"
                        + " deflated (case-sensitive)");
        assertUsage(ToolRunner.run("store_scp", "-p", "x", "-od", "d"), "store_scp",
                "Invalid value for option '-p': 'x' is not an integer");
        // Without -p: were the line accepted by mistake, the test would fail instead of running a server.
        assertUsage(ToolRunner.run("store_scp", "--no-fsync", "--fsync", "-od", "d"), "store_scp",
                "option '--fsync' should be given only once");
    }

    @Test
    void passwordWithoutValueOrConsoleIsAUsageError() {
        assumeTrue(System.console() == null, "only without a console (as under Maven)");
        assertUsage(ToolRunner.run("echo_scu", "127.0.0.1", "1", "--password"), "echo_scu",
                "option '--password' was given without a value and there is no console to ask for it;"
                        + " give it as --password=PASS");
    }

    @Test
    void aFailingToolSaysWhatFailedInOneLine(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope.dcm");
        ToolRunner r = ToolRunner.run("dcm_conv", "--to", "deflated", missing.toString(), tmp.resolve("out.dcm").toString());
        assertEquals(ExitCodes.FAILURE, r.status());
        assertEquals("dcm_conv: " + missing + ": no such file\n", r.err());
    }

    private static void assertUsage(ToolRunner r, String tool, String problem) {
        assertEquals(ExitCodes.USAGE, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(tool + ": " + problem + "\nTry '" + tool + " --help' for more information.\n", r.err());
    }
}
