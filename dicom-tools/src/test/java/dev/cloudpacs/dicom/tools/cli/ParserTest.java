package dev.cloudpacs.dicom.tools.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParserTest {
    enum Syntax { implicit_vr_le, explicit_vr_le }

    /** A command with one of each kind of option and parameter, its values recorded in fields. */
    static final class Cmd {
        String aet;
        int timeout;
        boolean verbose;
        boolean patientRoot;
        boolean fsync;
        boolean meta;
        String level;
        Syntax to;
        char[] password;
        String host;
        int port;
        final List<String> keys = new ArrayList<>();
        final List<Path> files = new ArrayList<>();
        /** Whether the password reader was asked, and with which prompt. */
        String prompted;

        CommandSpec spec() {
            CommandSpec spec = new CommandSpec("tool", "A test tool.");
            spec.positional("HOST").value(Converters.STRING, v -> host = v);
            spec.positional("PORT").value(Converters.INT, v -> port = v);
            spec.positional("FILE").list(1, Converters.PATH, files::add);
            spec.option("-aet", "--calling-ae").label("AE").defaultValue("CLOUDPACS")
                    .description("our AE title (default: ${DEFAULT-VALUE})").value(Converters.STRING, v -> aet = v);
            spec.option("-to", "--connect-timeout").label("S").defaultValue("10").description("timeout")
                    .value(Converters.INT, v -> timeout = v);
            spec.option("-v", "--verbose").description("talk").flag(v -> verbose = v);
            spec.option("-P", "--patient-root").description("patient root").flag(v -> patientRoot = v);
            spec.option("-L", "--level").label("LEVEL").description("level").value(Converters.STRING, v -> level = v);
            spec.option("-k", "--key").label("KEY").repeatable().description("a key").value(Converters.STRING, keys::add);
            spec.option("--fsync").negatable().description("force to disk").flag(v -> fsync = v);
            spec.option("-M", "--meta").negatable().defaultValue("true").description("meta").flag(v -> meta = v);
            spec.option("--to").label("SYNTAX").description("one of ${COMPLETION-CANDIDATES}")
                    .value(Converters.choice(Syntax.values()), v -> to = v);
            spec.option("--password").label("PASS").description("passcode").password(v -> password = v);
            return spec;
        }

        Parser.Outcome parse(PasswordReader reader, String... args) throws UsageException {
            return Parser.parse(spec(), reader, args);
        }

        Parser.Outcome parse(String... args) throws UsageException {
            return parse(prompt -> {
                prompted = prompt;
                return "secret".toCharArray();
            }, args);
        }
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> new Cmd().parse(args)).getMessage();
    }

    @Test
    void defaultsAreAppliedAndPositionalsTakenInOrder() throws Exception {
        Cmd c = new Cmd();
        assertEquals(Parser.Outcome.RUN, c.parse("host", "104", "a", "b"));
        assertEquals("CLOUDPACS", c.aet);
        assertEquals(10, c.timeout);
        assertTrue(c.meta, "negatable flag with default true");
        assertFalse(c.verbose);
        assertFalse(c.fsync);
        assertEquals("host", c.host);
        assertEquals(104, c.port);
        assertEquals(List.of(Path.of("a"), Path.of("b")), c.files);
        assertNull(c.password);
        assertNull(c.prompted, "no prompt for an option not given");
    }

    @Test
    void valuesInBothFormsAndMultiLetterNamesAreWhole() throws Exception {
        Cmd c = new Cmd();
        c.parse("-aet", "ME", "--connect-timeout=5", "h", "1", "f");
        assertEquals("ME", c.aet);
        assertEquals(5, c.timeout);
        Cmd d = new Cmd();
        d.parse("--calling-ae", "YOU", "-to=7", "h", "1", "f");
        assertEquals("YOU", d.aet);
        assertEquals(7, d.timeout);
        Cmd e = new Cmd();
        e.parse("-aet=", "-L", "-x", "h", "1", "f");
        assertEquals("", e.aet, "an empty value after = is a value");
        assertEquals("-x", e.level, "a value may start with - when it is not one of our options");
    }

    @Test
    void optionsAndPositionalsMayBeMixed() throws Exception {
        Cmd c = new Cmd();
        c.parse("h", "-v", "1", "a", "-aet", "X", "b");
        assertTrue(c.verbose);
        assertEquals("X", c.aet);
        assertEquals(List.of(Path.of("a"), Path.of("b")), c.files);
    }

    @Test
    void flagsTakeAnExplicitBoolean() throws Exception {
        Cmd c = new Cmd();
        c.parse("--verbose=true", "-P=false", "h", "1", "f");
        assertTrue(c.verbose);
        assertFalse(c.patientRoot);
        assertEquals("Invalid value for option '--verbose': 'yes' is not a boolean (true or false)",
                error("--verbose=yes", "h", "1", "f"));
    }

    @Test
    void singleLetterOptionsCluster() throws Exception {
        Cmd c = new Cmd();
        c.parse("-vPLstudy", "h", "1", "f");
        assertTrue(c.verbose);
        assertTrue(c.patientRoot);
        assertEquals("study", c.level);
        Cmd d = new Cmd();
        d.parse("-vL", "series", "h", "1", "f");
        assertTrue(d.verbose);
        assertEquals("series", d.level);
        assertEquals("Unknown option: '-x' (in '-vx')", error("-vx", "h", "1", "f"));
    }

    @Test
    void repeatableOptionsCollectEveryValue() throws Exception {
        Cmd c = new Cmd();
        c.parse("-k", "PatientID=1", "--key=StudyDate", "-k=A=B", "h", "1", "f");
        assertEquals(List.of("PatientID=1", "StudyDate", "A=B"), c.keys);
    }

    @Test
    void otherOptionsMayBeGivenOnlyOnce() {
        assertEquals("option '-aet' should be given only once", error("-aet", "A", "-aet", "B", "h", "1", "f"));
        assertEquals("option '-v' should be given only once", error("--verbose", "-v", "h", "1", "f"));
        assertEquals("option '--fsync' should be given only once", error("--no-fsync", "--fsync", "h", "1", "f"));
    }

    @Test
    void negatableFlags() throws Exception {
        Cmd c = new Cmd();
        c.parse("--fsync", "--no-meta", "h", "1", "f");
        assertTrue(c.fsync);
        assertFalse(c.meta);
        Cmd d = new Cmd();
        d.parse("--no-fsync", "-M", "h", "1", "f");
        assertFalse(d.fsync);
        assertTrue(d.meta);
        Cmd e = new Cmd();
        e.parse("--fsync=false", "--no-meta=false", "h", "1", "f");
        assertFalse(e.fsync);
        assertTrue(e.meta, "--no-meta=false negates the negation");
        assertEquals("Unknown option: '--no-verbose'", error("--no-verbose", "h", "1", "f"),
                "only negatable flags have --no- forms");
    }

    @Test
    void intValuesAreChecked() {
        assertEquals("Invalid value for option '--connect-timeout': 'abc' is not an integer",
                error("--connect-timeout", "abc", "h", "1", "f"));
        assertEquals("Invalid value for option '-to': '0x10' is not an integer", error("-to=0x10", "h", "1", "f"));
        assertEquals("Invalid value for PORT: 'http' is not an integer", error("h", "http", "f"));
        assertEquals("Invalid value for option '-to': '99999999999' is not an integer",
                error("-to", "99999999999", "h", "1", "f"));
    }

    @Test
    void negativeNumbersAreValuesAndParameters() throws Exception {
        Cmd c = new Cmd();
        c.parse("-to", "-3", "h", "-1", "f");
        assertEquals(-3, c.timeout);
        assertEquals(-1, c.port);
    }

    @Test
    void enumValuesAreCheckedAndListed() throws Exception {
        Cmd c = new Cmd();
        c.parse("--to", "explicit_vr_le", "h", "1", "f");
        assertEquals(Syntax.explicit_vr_le, c.to);
        assertEquals("Invalid value for option '--to': 'jpeg' is not one of implicit_vr_le, explicit_vr_le"
                + " (case-sensitive)", error("--to=jpeg", "h", "1", "f"));
        assertTrue(error("--to", "IMPLICIT_VR_LE", "h", "1", "f").contains("is not one of"));
    }

    @Test
    void unknownOptionsAreRefused() {
        assertEquals("Unknown option: '--bogus'", error("--bogus", "h", "1", "f"));
        assertEquals("Unknown option: '-aetX'", error("-aetX", "h", "1", "f"));
        assertEquals("Unknown option: '--bogus=1'", error("h", "1", "f", "--bogus=1"));
    }

    @Test
    void missingValues() {
        assertEquals("option '-aet' needs a value (AE)", error("h", "1", "f", "-aet"));
        assertEquals("option '-aet' needs a value (AE) but was followed by '-v'", error("-aet", "-v", "h", "1", "f"));
        assertEquals("option '-aet' needs a value (AE) but was followed by '--to=x'", error("-aet", "--to=x", "h", "1", "f"));
    }

    @Test
    void missingAndExtraPositionals() {
        assertEquals("Missing required parameters: 'HOST', 'PORT', 'FILE'", error());
        assertEquals("Missing required parameter: 'FILE'", error("h", "1"));
    }

    @Test
    void tooManyArguments() {
        CommandSpec spec = new CommandSpec("t");
        String[] host = new String[1];
        spec.positional("HOST").value(Converters.STRING, v -> host[0] = v);
        UsageException e = assertThrows(UsageException.class, () -> Parser.parse(spec, "a", "b", "c"));
        assertEquals("Unexpected arguments: 'b', 'c'", e.getMessage());
    }

    @Test
    void requiredOptions() throws Exception {
        CommandSpec spec = new CommandSpec("t");
        String[] dir = new String[1];
        spec.option("-od", "--output-directory").required().label("DIR").value(Converters.STRING, v -> dir[0] = v);
        spec.option("-p", "--port").required().label("PORT").value(Converters.INT, v -> { });
        UsageException e = assertThrows(UsageException.class, () -> Parser.parse(spec, "-p", "1"));
        assertEquals("Missing required option: '-od, --output-directory=DIR'", e.getMessage());
        e = assertThrows(UsageException.class, () -> Parser.parse(new CommandSpec("t2"), "x"));
        assertEquals("Unexpected argument: 'x'", e.getMessage());
        CommandSpec both = new CommandSpec("t3");
        both.option("-p").required().label("PORT").value(Converters.INT, v -> { });
        both.positional("HOST").value(Converters.STRING, v -> { });
        e = assertThrows(UsageException.class, () -> Parser.parse(both));
        assertEquals("Missing required option: '-p=PORT'; Missing required parameter: 'HOST'", e.getMessage());
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        Cmd c = new Cmd();
        c.parse("h", "1", "--", "-v", "--bogus");
        assertFalse(c.verbose);
        assertEquals(List.of(Path.of("-v"), Path.of("--bogus")), c.files);
    }

    @Test
    void passwordTakesAGivenValue() throws Exception {
        Cmd c = new Cmd();
        c.parse("--password=abc", "h", "1", "f");
        assertArrayEquals("abc".toCharArray(), c.password);
        Cmd d = new Cmd();
        d.parse("--password", "abc", "h", "1", "f");
        assertArrayEquals("abc".toCharArray(), d.password);
        assertEquals(List.of(Path.of("f")), d.files);
        assertNull(d.prompted);
    }

    @Test
    void passwordWithoutValueIsAskedFor() throws Exception {
        Cmd c = new Cmd();
        c.parse("--password", "-v", "h", "1", "f");
        assertArrayEquals("secret".toCharArray(), c.password);
        assertTrue(c.verbose);
        assertEquals("Enter value for --password (passcode): ", c.prompted);
        Cmd d = new Cmd();
        d.parse("h", "1", "f", "--password");
        assertArrayEquals("secret".toCharArray(), d.password);
    }

    @Test
    void passwordWithoutValueNorConsoleIsAUsageError() {
        Cmd c = new Cmd();
        UsageException e = assertThrows(UsageException.class, () -> c.parse(prompt -> null, "h", "1", "f", "--password"));
        assertEquals("option '--password' was given without a value and there is no console to ask for it;"
                + " give it as --password=PASS", e.getMessage());
        assertNull(c.password);
    }

    @Test
    void noPasswordPromptWhenTheLineIsBad() {
        Cmd c = new Cmd();
        assertThrows(UsageException.class, () -> c.parse("--password", "-to", "x", "h", "1", "f"));
        assertNull(c.prompted, "the user is not asked for a secret only to be told of a typo");
    }

    @Test
    void helpAndVersion() throws Exception {
        assertEquals(Parser.Outcome.HELP, new Cmd().parse("-h"));
        assertEquals(Parser.Outcome.HELP, new Cmd().parse("h", "--help"));
        assertEquals(Parser.Outcome.VERSION, new Cmd().parse("-V"));
        assertEquals(Parser.Outcome.VERSION, new Cmd().parse("--version", "--bogus"));
        assertEquals(Parser.Outcome.HELP, new Cmd().parse("--bogus", "-h"), "unknown options do not hide the help");
        assertEquals(Parser.Outcome.HELP, new Cmd().parse("-V", "-h"), "help wins");
        assertEquals("Invalid value for option '-to': 'x' is not an integer", error("-h", "-to", "x"));
    }

    @Test
    void plusOptionsAreOptionsOnlyWhenDeclared() throws Exception {
        CommandSpec spec = new CommandSpec("dump");
        boolean[] all = new boolean[1];
        List<String> files = new ArrayList<>();
        spec.option("+L", "--print-all").flag(v -> all[0] = v);
        spec.positional("FILE").list(1, Converters.STRING, files::add);
        Parser.parse(spec, "+L", "+M", "-");
        assertTrue(all[0]);
        assertEquals(List.of("+M", "-"), files);
    }

    @Test
    void declarationMistakesAreCaught() {
        CommandSpec spec = new CommandSpec("t");
        spec.option("-v").flag(v -> { });
        assertThrows(IllegalStateException.class, () -> spec.option("-v", "--verbose").flag(v -> { }));
        assertThrows(IllegalStateException.class, () -> spec.option("--x").value(Converters.STRING, v -> { }),
                "a value needs a label");
        assertThrows(IllegalStateException.class, () -> spec.option("--y").label("Y").negatable()
                .value(Converters.STRING, v -> { }));
        assertThrows(IllegalArgumentException.class, () -> spec.option("x"));
        spec.positional("REST").list(0, Converters.STRING, v -> { });
        assertThrows(IllegalStateException.class, () -> spec.positional("MORE").value(Converters.STRING, v -> { }));
    }
}
