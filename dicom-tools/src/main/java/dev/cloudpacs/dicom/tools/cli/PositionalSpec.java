package dev.cloudpacs.dicom.tools.cli;

import java.util.function.Consumer;

/**
 * One positional parameter of a command, as registered with a {@link PositionalBuilder}: either
 * exactly one argument at its place, or (last) a list taking all the remaining arguments. Immutable.
 */
public final class PositionalSpec {
    private final String label;
    private final String description;
    private final boolean list;
    private final int minCount;
    private final Consumer<String> sink;

    PositionalSpec(String label, String description, boolean list, int minCount, Consumer<String> sink) {
        this.label = label;
        this.description = description;
        this.list = list;
        this.minCount = minCount;
        this.sink = sink;
    }

    /** The name in help and messages, e.g. {@code HOST} or {@code FILE|DIR}. */
    public String label() {
        return label;
    }

    /** Help text, possibly empty. */
    public String description() {
        return description;
    }

    /** Whether this parameter takes all the remaining arguments. */
    public boolean list() {
        return list;
    }

    /** How many arguments it needs: 1 for a single parameter, the minimum for a list. */
    public int minCount() {
        return minCount;
    }

    /** Converts one argument and passes it to the command. */
    void accept(String value) {
        sink.accept(value);
    }
}
