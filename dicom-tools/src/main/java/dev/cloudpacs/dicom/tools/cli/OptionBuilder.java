package dev.cloudpacs.dicom.tools.cli;

import java.util.List;
import java.util.function.Consumer;

/**
 * Declares one option of a {@link CommandSpec}; made by {@link CommandSpec#option}. Set what applies,
 * then finish with {@link #flag}, {@link #value} or {@link #password}, which add the option to the
 * command (an option not finished is not added).
 */
public final class OptionBuilder {
    private final CommandSpec command;
    private final List<String> names;
    private String label;
    private String description = "";
    private String defaultValue;
    private boolean required;
    private boolean repeatable;
    private boolean negatable;

    OptionBuilder(CommandSpec command, List<String> names) {
        this.command = command;
        this.names = names;
    }

    /** The value's name in help and messages, e.g. {@code AE} in {@code --calling-ae=AE}. */
    public OptionBuilder label(String label) {
        this.label = label;
        return this;
    }

    /** Help text; {@code ${DEFAULT-VALUE}} and {@code ${COMPLETION-CANDIDATES}} are filled in. */
    public OptionBuilder description(String description) {
        this.description = description;
        return this;
    }

    /** A value given to the command before parsing, so that help and behaviour cannot disagree. */
    public OptionBuilder defaultValue(String defaultValue) {
        this.defaultValue = defaultValue;
        return this;
    }

    /** The command line is refused without this option. */
    public OptionBuilder required() {
        this.required = true;
        return this;
    }

    /** May be given several times, each value passed on (otherwise a second use is an error). */
    public OptionBuilder repeatable() {
        this.repeatable = true;
        return this;
    }

    /** A flag whose {@code --no-} forms set it to false ({@code --fsync}/{@code --no-fsync}). */
    public OptionBuilder negatable() {
        this.negatable = true;
        return this;
    }

    /** Finishes a boolean switch: the setter gets true when given (false for a {@code --no-} form). */
    public void flag(Consumer<Boolean> setter) {
        if (required || repeatable || label != null) {
            throw new IllegalStateException(names + ": a flag takes no value and cannot be required or repeated");
        }
        command.add(new OptionSpec(names, OptionSpec.Kind.FLAG, OptionSpec.Role.OPTION, null, description, defaultValue,
                false, false, negatable, List.of(), text -> setter.accept(Converters.BOOLEAN.convert(text)), null));
    }

    /** Finishes an option with one value, converted and passed to the setter (once per use). */
    public <T> void value(Converter<T> converter, Consumer<? super T> setter) {
        checkValued();
        command.add(new OptionSpec(names, OptionSpec.Kind.VALUE, OptionSpec.Role.OPTION, label, description, defaultValue,
                required, repeatable, false, converter.candidates(), text -> setter.accept(converter.convert(text)), null));
    }

    /**
     * Finishes a secret option ({@code --password[=PASS]}): a value given with it is taken; without one
     * (at the end, or before another option) the user is asked on the console with echo off.
     */
    public void password(Consumer<char[]> setter) {
        checkValued();
        if (repeatable || defaultValue != null) {
            throw new IllegalStateException(names + ": a password option is neither repeated nor defaulted");
        }
        command.add(new OptionSpec(names, OptionSpec.Kind.PASSWORD, OptionSpec.Role.OPTION, label, description, null,
                required, false, false, List.of(), text -> setter.accept(text.toCharArray()), setter));
    }

    private void checkValued() {
        if (label == null) {
            throw new IllegalStateException(names + ": an option with a value needs a label");
        }
        if (negatable) {
            throw new IllegalStateException(names + ": only flags are negatable");
        }
    }
}
