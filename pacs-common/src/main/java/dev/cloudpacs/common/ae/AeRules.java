package dev.cloudpacs.common.ae;

/**
 * The rules an AE registry entry must follow, checked before anything reaches the database. The AE
 * title rules are those of the AE value representation (PS3.5 Table 6.2-1): at most 16 characters of
 * the default character repertoire, no backslash, no control characters; leading and trailing
 * spaces are not significant.
 */
public final class AeRules {
    /** Longest AE title. */
    public static final int MAX_TITLE = 16;
    /** Longest host name (a DNS name is at most 253 characters; the column holds 255). */
    public static final int MAX_HOST = 255;
    /** Longest description. */
    public static final int MAX_DESCRIPTION = 255;

    private AeRules() {
    }

    /**
     * The AE title without its non-significant leading and trailing spaces.
     *
     * @throws InvalidAeException naming {@code aeTitle} when the title is not a valid AE title
     */
    public static String title(String raw) {
        if (raw == null) {
            throw new InvalidAeException("aeTitle", "is required");
        }
        String t = stripSpaces(raw);
        if (t.isEmpty()) {
            throw new InvalidAeException("aeTitle", "must not be empty or all spaces");
        }
        if (t.length() > MAX_TITLE) {
            throw new InvalidAeException("aeTitle", "must be at most " + MAX_TITLE + " characters (has " + t.length() + ")");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                throw new InvalidAeException("aeTitle", "must not contain a backslash");
            }
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidAeException("aeTitle", "must not contain control characters");
            }
            if (c > 0x7E) {
                throw new InvalidAeException("aeTitle", "must use only the DICOM default repertoire (printable ASCII)");
            }
        }
        return t;
    }

    /**
     * Checks every field and normalizes the title in place.
     *
     * @throws InvalidAeException naming the first offending field
     */
    public static ApplicationEntity check(ApplicationEntity ae) {
        ae.aeTitle = title(ae.aeTitle);
        if (ae.host == null || ae.host.isEmpty()) {
            throw new InvalidAeException("host", "is required");
        }
        if (ae.host.length() > MAX_HOST) {
            throw new InvalidAeException("host", "must be at most " + MAX_HOST + " characters");
        }
        if (ae.host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidAeException("host", "must not contain whitespace or control characters");
        }
        if (ae.port < 1 || ae.port > 65535) {
            throw new InvalidAeException("port", "must be between 1 and 65535 (was " + ae.port + ")");
        }
        if (ae.description != null && ae.description.length() > MAX_DESCRIPTION) {
            throw new InvalidAeException("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return ae;
    }

    /** Only the space (20H) is non-significant padding; other whitespace stays and is then refused. */
    private static String stripSpaces(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(from, to);
    }
}
