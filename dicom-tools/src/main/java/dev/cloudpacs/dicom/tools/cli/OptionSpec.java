package dev.cloudpacs.dicom.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One option of a command, as registered with an {@link OptionBuilder}: its names, how it takes a
 * value, its help text, and what to do with the value. Immutable.
 */
public final class OptionSpec {
    /** How an option takes its value. */
    public enum Kind {
        /** A boolean switch: {@code -v}, or explicitly {@code --tls=false}. */
        FLAG,
        /** Exactly one value: {@code -aet AE} or {@code -aet=AE}. */
        VALUE,
        /** A secret with an optional value: asked for on the console (echo off) when none is given. */
        PASSWORD
    }

    /** What the option does for the parser. */
    enum Role {
        OPTION, HELP, VERSION
    }

    private final List<String> names;
    private final Kind kind;
    private final Role role;
    private final String label;
    private final String description;
    private final String defaultValue;
    private final boolean required;
    private final boolean repeatable;
    private final boolean negatable;
    private final List<String> candidates;
    private final Consumer<String> sink;
    private final Consumer<char[]> secretSink;

    OptionSpec(List<String> names, Kind kind, Role role, String label, String description, String defaultValue,
               boolean required, boolean repeatable, boolean negatable, List<String> candidates,
               Consumer<String> sink, Consumer<char[]> secretSink) {
        this.names = List.copyOf(names);
        this.kind = kind;
        this.role = role;
        this.label = label;
        this.description = description;
        this.defaultValue = defaultValue;
        this.required = required;
        this.repeatable = repeatable;
        this.negatable = negatable;
        this.candidates = candidates;
        this.sink = sink;
        this.secretSink = secretSink;
    }

    /** The names in the order declared, e.g. {@code [-aet, --calling-ae]}. */
    public List<String> names() {
        return names;
    }

    /** The longest name, used where one name must stand for the option (e.g. {@code --calling-ae}). */
    public String longestName() {
        String best = names.get(0);
        for (String n : names) {
            if (n.length() > best.length()) {
                best = n;
            }
        }
        return best;
    }

    /** The negated names of a negatable flag: {@code --no-x} for each {@code --x}. */
    public List<String> negatedNames() {
        if (!negatable) {
            return List.of();
        }
        // A loop, not a stream: this runs at every start-up and streams cost class loading.
        List<String> out = new ArrayList<>(1);
        for (String n : names) {
            if (n.startsWith("--")) {
                out.add("--no-" + n.substring(2));
            }
        }
        return out;
    }

    public Kind kind() {
        return kind;
    }

    Role role() {
        return role;
    }

    /** The value's name in help and messages ({@code AE}, {@code FILE}); null for flags. */
    public String label() {
        return label;
    }

    /** The help text, possibly with {@code ${DEFAULT-VALUE}} and {@code ${COMPLETION-CANDIDATES}}. */
    public String description() {
        return description;
    }

    /** The value applied before parsing (also shown in help), or null. */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return required;
    }

    /** Whether the option may be given more than once, each value being passed on. */
    public boolean repeatable() {
        return repeatable;
    }

    /** Whether a flag also has {@code --no-} forms that set it to false. */
    public boolean negatable() {
        return negatable;
    }

    /** The values accepted, when they are a fixed set; otherwise empty. */
    public List<String> candidates() {
        return candidates;
    }

    /**
     * Passes one value on to the command: converted and stored. For flags the value is
     * {@code "true"} or {@code "false"}.
     *
     * @throws IllegalArgumentException when the converter refuses the value
     */
    void accept(String value) {
        sink.accept(value);
    }

    /** Passes a secret on to the command (password options only). */
    void acceptSecret(char[] value) {
        secretSink.accept(value);
    }
}
