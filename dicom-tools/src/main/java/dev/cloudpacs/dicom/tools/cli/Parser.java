package dev.cloudpacs.dicom.tools.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a command line against a {@link CommandSpec}, passing each value to the setter its option or
 * parameter was declared with.
 *
 * <p>The syntax, as the tools have always accepted it:
 * <ul>
 *   <li>option names are matched whole, so DCMTK-style names like {@code -aet} or {@code -pdu} are one
 *       option; a value follows as the next argument or after {@code =} ({@code -aet X}, {@code -aet=X});
 *   <li>single-letter options can be clustered: {@code -vP} is {@code -v -P}, and {@code -Lstudy} is
 *       {@code -L study};
 *   <li>options and positional arguments may be mixed; after {@code --} everything is positional, and an
 *       unknown argument that is a negative number ({@code -1}) is positional too;
 *   <li>a flag may be given as {@code --tls=false}; options other than repeatable ones may be given once.
 * </ul>
 * Errors are reported as a {@link UsageException} naming the first problem. When {@code --help} or
 * {@code --version} is given anywhere, unknown options, unexpected arguments and missing required ones
 * are not reported (the user asked for help); a malformed or missing option value still is, as it is
 * found while reading the line. Password prompts come last, once the line is known to be good.
 */
public final class Parser {
    /** What the caller should do after a successful parse. */
    public enum Outcome {
        /** Run the command: every value is set. */
        RUN,
        /** Print the usage help ({@code -h}/{@code --help} was given). */
        HELP,
        /** Print the version ({@code -V}/{@code --version} was given). */
        VERSION
    }

    private final CommandSpec spec;
    private final PasswordReader passwords;
    private final Set<OptionSpec> seen = new HashSet<>();
    private final List<String> arguments = new ArrayList<>();
    /** Password options given without a value: asked for once the rest of the line is known to be good. */
    private final List<OptionSpec> toAsk = new ArrayList<>();
    /** The first unknown option: reported only if no help was asked for (anywhere on the line). */
    private String unknown;
    private boolean help;
    private boolean version;

    private Parser(CommandSpec spec, PasswordReader passwords) {
        this.spec = spec;
        this.passwords = passwords;
    }

    /** Parses {@code args}, asking for missing passwords on the console. */
    public static Outcome parse(CommandSpec spec, String... args) throws UsageException {
        return parse(spec, PasswordReader.console(), args);
    }

    /** Parses {@code args}, asking {@code passwords} for password options given without a value. */
    public static Outcome parse(CommandSpec spec, PasswordReader passwords, String... args) throws UsageException {
        return new Parser(spec, passwords).run(args);
    }

    private Outcome run(String[] args) throws UsageException {
        applyDefaults();
        boolean onlyPositional = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (onlyPositional || !looksLikeOption(a)) {
                arguments.add(a);
            } else if (a.equals("--")) {
                onlyPositional = true;
            } else {
                i = option(args, i);
            }
        }
        if (help) {
            return Outcome.HELP;
        }
        if (version) {
            return Outcome.VERSION;
        }
        if (unknown != null) {
            throw new UsageException(unknown);
        }
        assignPositionals();
        checkRequired();
        for (OptionSpec o : toAsk) {
            ask(o);
        }
        return Outcome.RUN;
    }

    private void applyDefaults() {
        for (OptionSpec o : spec.options()) {
            if (o.defaultValue() != null) {
                try {
                    o.accept(o.defaultValue());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(o.longestName() + ": bad default value: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Whether an argument is to be read as an option: {@code -x...}, or a declared {@code +x} name. */
    private boolean looksLikeOption(String a) {
        if (a.length() < 2) {
            return false;
        }
        return a.charAt(0) == '-' || a.charAt(0) == '+' && spec.find(nameOf(a)) != null;
    }

    private static String nameOf(String a) {
        int eq = a.indexOf('=');
        return eq < 0 ? a : a.substring(0, eq);
    }

    /** Handles the option at {@code args[i]}; returns the index of the last argument it used. */
    private int option(String[] args, int i) throws UsageException {
        String a = args[i];
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        OptionSpec o = spec.find(name);
        if (o != null) {
            return apply(o, name, eq < 0 ? null : a.substring(eq + 1), args, i);
        }
        if (isNegativeNumber(a)) {
            arguments.add(a);
            return i;
        }
        if (a.charAt(0) == '-' && a.charAt(1) != '-' && spec.find(a.substring(0, 2)) != null) {
            return cluster(args, i);
        }
        unknown("Unknown option: '" + a + "'");
        return i;
    }

    /** {@code -vPLstudy}: single-letter options in one argument; one taking a value ends the cluster. */
    private int cluster(String[] args, int i) throws UsageException {
        String a = args[i];
        int pos = 1;
        while (pos < a.length()) {
            String name = "-" + a.charAt(pos);
            OptionSpec o = spec.find(name);
            if (o == null) {
                unknown("Unknown option: '" + name + "' (in '" + a + "')");
                return i;
            }
            pos++;
            String rest = a.substring(pos);
            if (o.kind() != OptionSpec.Kind.FLAG || rest.startsWith("=")) {
                String value = rest.startsWith("=") ? rest.substring(1) : rest;
                return apply(o, name, value.isEmpty() && !rest.startsWith("=") ? null : value, args, i);
            }
            apply(o, name, null, args, i);
        }
        return i;
    }

    /**
     * Applies option {@code o}, typed as {@code name}, with the value given after {@code =} (or null);
     * returns the index of the last argument used.
     */
    private int apply(OptionSpec o, String name, String attached, String[] args, int i) throws UsageException {
        switch (o.role()) {
            case HELP -> help = true;
            case VERSION -> version = true;
            case OPTION -> {
                if (!seen.add(o) && !o.repeatable()) {
                    throw new UsageException("option '" + name + "' should be given only once");
                }
                return switch (o.kind()) {
                    case FLAG -> flag(o, name, attached, i);
                    case VALUE -> value(o, name, attached, args, i);
                    case PASSWORD -> password(o, attached, args, i);
                };
            }
        }
        return i;
    }

    private int flag(OptionSpec o, String name, String attached, int i) throws UsageException {
        boolean on = attached == null || convert(o, name, Converters.BOOLEAN, attached);
        o.accept(spec.isNegated(name) != on ? "true" : "false");
        return i;
    }

    private int value(OptionSpec o, String name, String attached, String[] args, int i) throws UsageException {
        if (attached != null) {
            set(o, name, attached);
            return i;
        }
        if (i + 1 >= args.length) {
            throw new UsageException("option '" + name + "' needs a value (" + o.label() + ")");
        }
        String next = args[i + 1];
        // Taken as the value unless it is one of our options: "-aet -v" forgot the AE title.
        if (looksLikeOption(next) && spec.find(nameOf(next)) != null) {
            throw new UsageException("option '" + name + "' needs a value (" + o.label() + ") but was followed by '"
                    + next + "'");
        }
        set(o, name, next);
        return i + 1;
    }

    private int password(OptionSpec o, String attached, String[] args, int i) {
        if (attached != null) {
            o.acceptSecret(attached.toCharArray());
            return i;
        }
        if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
            o.acceptSecret(args[i + 1].toCharArray());
            return i + 1;
        }
        toAsk.add(o);
        return i;
    }

    private void ask(OptionSpec o) throws UsageException {
        String name = o.longestName();
        String what = o.description().isEmpty() ? "" : " (" + o.description() + ")";
        char[] secret = passwords.read("Enter value for " + name + what + ": ");
        if (secret == null) {
            throw new UsageException("option '" + name + "' was given without a value and there is no console to ask"
                    + " for it; give it as " + name + "=" + o.label());
        }
        o.acceptSecret(secret);
    }

    private void set(OptionSpec o, String name, String text) throws UsageException {
        try {
            o.accept(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '" + name + "': " + e.getMessage());
        }
    }

    private static <T> T convert(OptionSpec o, String name, Converter<T> converter, String text) throws UsageException {
        try {
            return converter.convert(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for option '" + name + "': " + e.getMessage());
        }
    }

    private void assignPositionals() throws UsageException {
        int next = 0;
        for (PositionalSpec p : spec.positionals()) {
            int end = p.list() ? arguments.size() : Math.min(next + 1, arguments.size());
            for (; next < end; next++) {
                try {
                    p.accept(arguments.get(next));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("Invalid value for " + p.label() + ": " + e.getMessage());
                }
            }
        }
        if (next < arguments.size()) {
            List<String> extra = arguments.subList(next, arguments.size());
            throw new UsageException((extra.size() == 1 ? "Unexpected argument: " : "Unexpected arguments: ")
                    + quoted(extra));
        }
    }

    private void checkRequired() throws UsageException {
        List<String> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.required() && !seen.contains(o)) {
                options.add(String.join(", ", o.names()) + (o.label() == null ? "" : "=" + o.label()));
            }
        }
        List<String> params = new ArrayList<>();
        int available = arguments.size();
        for (PositionalSpec p : spec.positionals()) {
            int count = p.list() ? available : Math.min(1, available);
            if (count < p.minCount()) {
                params.add(p.label());
            }
            available -= count;
        }
        List<String> parts = new ArrayList<>(2);
        if (!options.isEmpty()) {
            parts.add((options.size() == 1 ? "Missing required option: " : "Missing required options: ")
                    + quoted(options));
        }
        if (!params.isEmpty()) {
            parts.add((params.size() == 1 ? "Missing required parameter: " : "Missing required parameters: ")
                    + quoted(params));
        }
        if (!parts.isEmpty()) {
            throw new UsageException(String.join("; ", parts));
        }
    }

    private void unknown(String message) {
        if (unknown == null) {
            unknown = message;
        }
    }

    private static boolean isNegativeNumber(String a) {
        if (a.length() < 2 || a.charAt(0) != '-') {
            return false;
        }
        boolean dot = false;
        for (int k = 1; k < a.length(); k++) {
            char c = a.charAt(k);
            if (c == '.' && !dot && k > 1 && k < a.length() - 1) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String quoted(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String s : items) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append('\'').append(s).append('\'');
        }
        return sb.toString();
    }
}
