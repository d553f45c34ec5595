package dev.cloudpacs.dicom.tools.cli;

import java.util.function.Consumer;

/**
 * Declares the next positional parameter of a {@link CommandSpec}; made by {@link CommandSpec#positional}.
 * Parameters take the arguments in the order they are declared; finish with {@link #value} (exactly one
 * argument) or {@link #list} (all the remaining ones, so it must be the last).
 */
public final class PositionalBuilder {
    private final CommandSpec command;
    private final String label;
    private String description = "";

    PositionalBuilder(CommandSpec command, String label) {
        this.command = command;
        this.label = label;
    }

    /** Help text. */
    public PositionalBuilder description(String description) {
        this.description = description;
        return this;
    }

    /** Finishes a required parameter of exactly one argument. */
    public <T> void value(Converter<T> converter, Consumer<? super T> setter) {
        command.add(new PositionalSpec(label, description, false, 1, text -> setter.accept(converter.convert(text))));
    }

    /** Finishes a parameter taking all remaining arguments (at least {@code min}), each passed to the setter. */
    public <T> void list(int min, Converter<T> converter, Consumer<? super T> setter) {
        command.add(new PositionalSpec(label, description, true, min, text -> setter.accept(converter.convert(text))));
    }
}
