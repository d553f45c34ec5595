package dev.cloudpacs.dicom.tools.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The converters the tools need: text, whole numbers, paths, booleans and fixed sets of words. */
public final class Converters {
    /** The text as given. */
    public static final Converter<String> STRING = text -> text;

    /** A decimal {@code int}, with an optional sign; nothing else (no blanks, no hex). */
    public static final Converter<Integer> INT = text -> {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an integer");
        }
    };

    /** A file system path (not checked for existence: the command reports missing files itself). */
    public static final Converter<Path> PATH = text -> {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid path (" + e.getReason() + ")");
        }
    };

    /** {@code true} or {@code false} in any case, as accepted after a flag ({@code --tls=false}). */
    public static final Converter<Boolean> BOOLEAN = text -> {
        if ("true".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(text)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("'" + text + "' is not a boolean (true or false)");
    };

    private Converters() {
    }

    /**
     * One of the constants of an enum, by its exact (case-sensitive) name. Takes the constants
     * rather than the class so that no reflection is needed: pass {@code MyEnum.values()}.
     */
    @SafeVarargs
    public static <E extends Enum<E>> Converter<E> choice(E... values) {
        List<String> names = new ArrayList<>(values.length);
        for (E v : values) {
            names.add(v.name());
        }
        List<String> candidates = List.copyOf(names);
        return new Converter<>() {
            @Override
            public E convert(String text) {
                for (E v : values) {
                    if (v.name().equals(text)) {
                        return v;
                    }
                }
                throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", candidates)
                        + " (case-sensitive)");
            }

            @Override
            public List<String> candidates() {
                return candidates;
            }
        };
    }
}
