package dev.cloudpacs.dicom.tools.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpFormatterTest {
    private static String help() {
        return HelpFormatter.format(new ParserTest.Cmd().spec());
    }

    @Test
    void synopsisNamesTheParametersAndRequiredOptions() {
        CommandSpec spec = new CommandSpec("move_scu", "Retrieve with C-MOVE.");
        spec.positional("HOST").value(Converters.STRING, v -> { });
        spec.option("-aem", "--move-destination").required().label("AE").value(Converters.STRING, v -> { });
        spec.option("-v").flag(v -> { });
        String help = HelpFormatter.format(spec);
        assertTrue(help.startsWith("Usage: move_scu [OPTIONS] -aem AE HOST\nRetrieve with C-MOVE.\n"), help);
        assertTrue(help().startsWith("Usage: tool [OPTIONS] HOST PORT FILE...\n"), help());
    }

    @Test
    void everyOptionIsListedWithItsNamesLabelAndDescription() {
        String help = help();
        for (String line : new String[] {
                "      HOST\n",
                "      FILE...\n",
                "      -aet, --calling-ae=AE",
                "      -to, --connect-timeout=S",
                "  -v, --verbose ",
                "  -P, --patient-root ",
                "  -L, --level=LEVEL ",
                "  -k, --key=KEY ",
                "      --[no-]fsync ",
                "  -M, --[no-]meta ",
                "      --to=SYNTAX ",
                "      --password[=PASS] ",
                "  -h, --help ",
                "  -V, --version "}) {
            assertTrue(help.contains(line), "help lists '" + line + "':\n" + help);
        }
        assertTrue(help.contains(" passcode\n"), help);
        assertTrue(help.contains("Show this help message and exit."), help);
    }

    @Test
    void placeholdersAreFilledIn() {
        String help = help();
        assertTrue(help.contains("our AE title (default: CLOUDPACS)"), help);
        assertTrue(help.contains("one of implicit_vr_le, explicit_vr_le"), help);
        assertTrue(help.contains("a key (repeatable)"), help);
        assertFalse(help.contains("${"), help);
    }

    @Test
    void descriptionsLineUpAndWrapWithinTheWidth() {
        CommandSpec spec = new CommandSpec("t", "A description line that is long enough to need wrapping once it goes"
                + " past the eighty columns of the help text.", "  kept indented");
        spec.option("-a", "--alpha").description("short").flag(v -> { });
        spec.option("--a-very-long-option-name-indeed").label("VALUE")
                .description("goes on its own line because the names are too wide").value(Converters.STRING, v -> { });
        spec.option("--beta").description("a description long enough that it has to be wrapped onto a second line"
                + " of the help text").flag(v -> { });
        String help = HelpFormatter.format(spec);
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= HelpFormatter.WIDTH, "too wide: '" + line + "'");
        }
        assertTrue(help.contains("\n  kept indented\n"), help);
        // Descriptions start in one column, after the widest names that fit (here "  -V, --version").
        int column = "  -V, --version".length() + 2;
        assertTrue(help.contains("\n  -a, --alpha" + " ".repeat(column - "  -a, --alpha".length()) + "short\n"), help);
        assertTrue(help.contains("\n      --a-very-long-option-name-indeed=VALUE\n" + " ".repeat(column) + "goes on"), help);
        String[] lines = help.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("      --beta")) {
                assertEquals(" ".repeat(column + 2) + "second line of the help text", lines[i + 1], help);
            }
        }
    }
}
