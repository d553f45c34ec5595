package dev.cloudpacs.dicom.net.dimse;

/**
 * One row of a status table: a Status (0000,0900) value or a range of them, its category and its
 * meaning as the standard words it (without the "Refused:"/"Error:" prefix, which the category
 * already tells).
 *
 * @param low      the code, or the first code of a range such as A700 for A7xx
 * @param high     the last code of the range; equal to {@code low} for a single code
 * @param category success, warning, failure, cancel or pending
 * @param meaning  the meaning, e.g. "Move Destination unknown"
 */
public record StatusCode(int low, int high, Status.Category category, String meaning) {

    public StatusCode {
        if (low < 0 || high > 0xFFFF || low > high) {
            throw new IllegalArgumentException(String.format("bad status range %04X-%04X", low, high));
        }
    }

    /** A single code. */
    public static StatusCode of(int code, Status.Category category, String meaning) {
        return new StatusCode(code, code, category, meaning);
    }

    /** A range of codes, e.g. A700..A7FF. */
    public static StatusCode range(int low, int high, Status.Category category, String meaning) {
        return new StatusCode(low, high, category, meaning);
    }

    /** The code of a single-code row; the first code of a range. */
    public int code() {
        return low;
    }

    public boolean isRange() {
        return low != high;
    }

    /** True when {@code status} falls in this row. */
    public boolean matches(int status) {
        return status >= low && status <= high;
    }

    /** E.g. "A801 Move Destination unknown (Failure)" or "A700-A7FF Out of Resources (Failure)". */
    @Override
    public String toString() {
        String codes = isRange() ? String.format("%04X-%04X", low, high) : String.format("%04X", low);
        return codes + " " + meaning + " (" + category + ")";
    }
}
