package dev.cloudpacs.dicom.tools.cli;

import java.util.List;

/**
 * Turns the text of an option value or parameter into the type the command wants.
 *
 * @param <T> the converted type
 */
@FunctionalInterface
public interface Converter<T> {
    /**
     * Converts one value.
     *
     * @throws IllegalArgumentException when the text is not acceptable; its message says why in a
     *         few words (e.g. {@code 'abc' is not an integer}) and is shown to the user
     */
    T convert(String text);

    /** The values accepted, for help text and error messages; empty when any text may be given. */
    default List<String> candidates() {
        return List.of();
    }
}
