package dev.cloudpacs.dicom.tools.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of one command: its name, description, options and positional parameters.
 * Commands register their options in code, each with a setter that stores the value in the command,
 * so that parsing needs neither annotations nor reflection:
 *
 * <pre>{@code
 * CommandSpec spec = new CommandSpec("echo_scu", "Verify DICOM connectivity with C-ECHO.");
 * spec.positional("HOST").value(Converters.STRING, v -> host = v);
 * spec.option("--repeat").label("N").defaultValue("1").description("send N C-ECHO requests")
 *         .value(Converters.INT, v -> repeat = v);
 * }</pre>
 *
 * Every command also has {@code -h}/{@code --help} and {@code -V}/{@code --version}. A spec is bound
 * to the command object its setters write to: build one per parse.
 */
public final class CommandSpec {
    private final String name;
    private final List<String> description;
    private final List<String> version = new ArrayList<>();
    private final List<OptionSpec> options = new ArrayList<>();
    private final List<OptionSpec> standardOptions = new ArrayList<>(2);
    private final List<PositionalSpec> positionals = new ArrayList<>();
    /** Every name, negated forms included, to its option. */
    private final Map<String, OptionSpec> byName = new HashMap<>();

    /**
     * @param name        the command's name, as typed by users
     * @param description lines of text shown in help after the synopsis
     */
    public CommandSpec(String name, String... description) {
        this.name = name;
        this.description = List.of(description);
        standard(new OptionSpec(List.of("-h", "--help"), OptionSpec.Kind.FLAG, OptionSpec.Role.HELP, null,
                "Show this help message and exit.", null, false, false, false, List.of(), null, null));
        standard(new OptionSpec(List.of("-V", "--version"), OptionSpec.Kind.FLAG, OptionSpec.Role.VERSION, null,
                "Print version information and exit.", null, false, false, false, List.of(), null, null));
    }

    private void standard(OptionSpec o) {
        index(o);
        standardOptions.add(o);
    }

    /** Starts declaring an option with these names ({@code -v}, {@code -aet}, {@code --calling-ae}, {@code +L}). */
    public OptionBuilder option(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("an option needs a name");
        }
        for (String n : names) {
            if (n.length() < 2 || n.charAt(0) != '-' && n.charAt(0) != '+' || n.indexOf('=') >= 0) {
                throw new IllegalArgumentException("not an option name: '" + n + "'");
            }
        }
        return new OptionBuilder(this, List.of(names));
    }

    /** Starts declaring the next positional parameter. */
    public PositionalBuilder positional(String label) {
        return new PositionalBuilder(this, label);
    }

    /** Sets the lines {@code --version} prints (none by default). */
    public CommandSpec version(String... lines) {
        version.clear();
        Collections.addAll(version, lines);
        return this;
    }

    void add(OptionSpec o) {
        index(o);
        options.add(o);
    }

    void add(PositionalSpec p) {
        if (!positionals.isEmpty() && positionals.get(positionals.size() - 1).list()) {
            throw new IllegalStateException(name + ": " + p.label() + " follows a list parameter, which takes the rest");
        }
        positionals.add(p);
    }

    private void index(OptionSpec o) {
        for (String n : o.names()) {
            claim(n, o);
        }
        for (String n : o.negatedNames()) {
            claim(n, o);
        }
    }

    private void claim(String n, OptionSpec o) {
        // Two options of one name would be a programming error (e.g. a shared group clashing with a command's own).
        if (byName.putIfAbsent(n, o) != null) {
            throw new IllegalStateException(name + ": option name " + n + " declared twice");
        }
    }

    public String name() {
        return name;
    }

    public List<String> description() {
        return description;
    }

    /** The lines {@code --version} prints. */
    public List<String> version() {
        return Collections.unmodifiableList(version);
    }

    /** The command's own options, in the order declared. */
    public List<OptionSpec> options() {
        return Collections.unmodifiableList(options);
    }

    /** {@code --help} and {@code --version}. */
    public List<OptionSpec> standardOptions() {
        return Collections.unmodifiableList(standardOptions);
    }

    /** The positional parameters, in order. */
    public List<PositionalSpec> positionals() {
        return Collections.unmodifiableList(positionals);
    }

    /** The option with this name (a {@code --no-} form included), or null. */
    public OptionSpec find(String optionName) {
        return byName.get(optionName);
    }

    /** Whether the name is the {@code --no-} form of a negatable flag. */
    boolean isNegated(String optionName) {
        OptionSpec o = byName.get(optionName);
        return o != null && o.negatable() && !o.names().contains(optionName);
    }
}
