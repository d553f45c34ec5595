package dev.cloudpacs.common.ae;

/** An AE registry entry breaks one of the {@link AeRules}; names the offending field. */
public class InvalidAeException extends IllegalArgumentException {
    private final String field;

    public InvalidAeException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The JSON name of the offending field, e.g. {@code "aeTitle"} or {@code "port"}. */
    public String field() {
        return field;
    }
}
