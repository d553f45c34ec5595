package dev.cloudpacs.dicom.net.pdu;

import java.util.Objects;

/** AE title rules shared by the association PDUs (PS3.8 Table 9-11, bytes 11-42). */
final class AeTitles {
    /** The fixed width of an AE title field. */
    static final int WIDTH = 16;

    private AeTitles() {
    }

    /**
     * Drops leading and trailing spaces, which PS3.8 calls non-significant, so a record compares
     * equal to its decoded self; rejects titles that cannot fill a 16-byte ISO 646 field.
     */
    static String normalize(String title, String what) {
        Objects.requireNonNull(title, what);
        String t = stripSpaces(title, 0, title.length());
        if (t.length() > WIDTH) {
            throw new IllegalArgumentException(what + " longer than 16 characters: \"" + t + "\"");
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(what + " has a character outside one byte: \"" + t + "\"");
            }
        }
        return t;
    }

    /** Only 20H is stripped: other control characters are significant (and suspicious) and stay visible. */
    static String stripSpaces(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return s.substring(from, to);
    }
}
