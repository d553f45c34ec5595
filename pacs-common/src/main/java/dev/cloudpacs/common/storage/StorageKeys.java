package dev.cloudpacs.common.storage;

import dev.cloudpacs.dicom.core.util.UIDs;

/**
 * Storage keys derive from validated UIDs only (digits and dots, at most 64 characters), so no input
 * can name a path outside the storage root.
 */
public final class StorageKeys {
    private StorageKeys() {
    }

    /** {@code <study>/<series>/<instance>.dcm}; throws when any UID is not a valid UID. */
    public static String instanceKey(String studyUid, String seriesUid, String sopInstanceUid) {
        return require(studyUid, "Study Instance UID") + "/" + require(seriesUid, "Series Instance UID") + "/"
                + require(sopInstanceUid, "SOP Instance UID") + ".dcm";
    }

    /** Returns the UID when valid, else throws {@link InvalidUidException} naming it. */
    public static String require(String uid, String what) {
        if (!UIDs.isValid(uid)) {
            throw new InvalidUidException(what + " '" + printable(uid) + "' is not a valid UID");
        }
        return uid;
    }

    /** True when {@code key} has the shape {@link #instanceKey} produces. */
    public static boolean isValidKey(String key) {
        String[] parts = key.split("/", -1);
        return parts.length == 3 && UIDs.isValid(parts[0]) && UIDs.isValid(parts[1]) && parts[2].endsWith(".dcm")
                && UIDs.isValid(parts[2].substring(0, parts[2].length() - 4));
    }

    private static String printable(String s) {
        if (s == null) {
            return "(missing)";
        }
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** A UID that cannot be used (syntax), with a message naming which. */
    public static final class InvalidUidException extends IllegalArgumentException {
        public InvalidUidException(String message) {
            super(message);
        }
    }
}
