package dev.cloudpacs.dicom.tools.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the {@code --help} text of a command: a synopsis, the description, then one entry per
 * positional parameter and option with its names, value label and description, in the order declared
 * and laid out in two columns within {@value #WIDTH} characters:
 *
 * <pre>
 * Usage: echo_scu [OPTIONS] HOST PORT
 * Verify DICOM connectivity with C-ECHO.
 *       HOST
 *       PORT
 *       --repeat=N             send N C-ECHO requests
 *       -aet, --calling-ae=AE  our AE title (default: CLOUDPACS)
 *   -v, --verbose              print the association negotiation and each message
 * </pre>
 */
public final class HelpFormatter {
    /** Line width of the help text. */
    static final int WIDTH = 80;
    /** Names wider than this put their description on the next line, so that descriptions stay wide. */
    private static final int MAX_NAMES = 28;

    private HelpFormatter() {
    }

    /** The help text of {@code spec}, lines ending in {@code \n}. */
    public static String format(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        synopsis(spec, out);
        for (String line : spec.description()) {
            wrap(out, line, 0, 0);
        }
        List<String[]> rows = new ArrayList<>();
        for (PositionalSpec p : spec.positionals()) {
            rows.add(new String[] {"      " + p.label() + (p.list() ? "..." : ""), p.description()});
        }
        for (OptionSpec o : spec.options()) {
            rows.add(new String[] {names(o), description(o)});
        }
        for (OptionSpec o : spec.standardOptions()) {
            rows.add(new String[] {names(o), o.description()});
        }
        int width = 0;
        for (String[] row : rows) {
            if (row[0].length() <= MAX_NAMES) {
                width = Math.max(width, row[0].length());
            }
        }
        int column = width + 2;
        for (String[] row : rows) {
            out.append(row[0]);
            if (row[1].isEmpty()) {
                out.append('\n');
            } else if (row[0].length() + 2 > column) {
                out.append('\n').append(" ".repeat(column));
                wrap(out, row[1], column, column + 2);
            } else {
                out.append(" ".repeat(column - row[0].length()));
                wrap(out, row[1], column, column + 2);
            }
        }
        return out.toString();
    }

    /** {@code Usage: NAME [OPTIONS] REQUIRED-OPTIONS... PARAMETERS...}, wrapped under its first word. */
    private static void synopsis(CommandSpec spec, StringBuilder out) {
        StringBuilder s = new StringBuilder("Usage: ").append(spec.name()).append(" [OPTIONS]");
        for (OptionSpec o : spec.options()) {
            if (o.required()) {
                s.append(' ').append(o.names().get(0)).append(o.label() == null ? "" : " " + o.label());
            }
        }
        for (PositionalSpec p : spec.positionals()) {
            s.append(' ');
            if (p.list()) {
                s.append(p.minCount() == 0 ? "[" + p.label() + "...]" : p.label() + "...");
            } else {
                s.append(p.label());
            }
        }
        wrap(out, s.toString(), 0, "Usage: ".length() + spec.name().length() + 1);
    }

    /** {@code -v, --verbose}; {@code --[no-]fsync}; {@code --calling-ae=AE}; {@code --password[=PASS]}. */
    private static String names(OptionSpec o) {
        StringBuilder s = new StringBuilder(o.names().get(0).length() == 2 ? "  " : "      ");
        for (int i = 0; i < o.names().size(); i++) {
            String n = o.names().get(i);
            if (i > 0) {
                s.append(", ");
            }
            s.append(o.negatable() && n.startsWith("--") ? "--[no-]" + n.substring(2) : n);
        }
        switch (o.kind()) {
            case VALUE -> s.append('=').append(o.label());
            case PASSWORD -> s.append("[=").append(o.label()).append(']');
            case FLAG -> {
            }
        }
        return s.toString();
    }

    /** The description with its placeholders filled in, and a word on repeatable options. */
    static String description(OptionSpec o) {
        String d = o.description()
                .replace("${DEFAULT-VALUE}", o.defaultValue() == null ? "none" : o.defaultValue())
                .replace("${COMPLETION-CANDIDATES}", String.join(", ", o.candidates()));
        if (o.repeatable()) {
            d = d.isEmpty() ? "(repeatable)" : d + " (repeatable)";
        }
        return d;
    }

    /**
     * Appends {@code text} word-wrapped, the cursor being at column {@code start} of the current line;
     * lines after the first start at {@code hangingIndent}. A word longer than a line is not broken.
     */
    private static void wrap(StringBuilder out, String text, int start, int hangingIndent) {
        // Leading blanks are kept: they align a continued example under its command.
        int lead = 0;
        while (lead < text.length() && text.charAt(lead) == ' ') {
            lead++;
        }
        out.append(text, 0, lead);
        int col = start + lead;
        boolean first = true;
        for (String word : text.substring(lead).split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!first && col + 1 + word.length() > WIDTH) {
                out.append('\n').append(" ".repeat(hangingIndent));
                col = hangingIndent;
            } else if (!first) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
            first = false;
        }
        out.append('\n');
    }
}
