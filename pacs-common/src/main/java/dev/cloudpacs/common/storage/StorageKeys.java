package dev.cloudpacs.common.storage;

import dev.cloudpacs.dicom.core.util.UIDs;

/**
 * Storage keys derive from validated UIDs only (digits and dots, at most 64 characters), so no input
 * can name a path outside the storage root.
 */
public final class StorageKeys {
    private StorageKeys() {
    }

    /**
     * {@code hh/hh/<SOP Instance UID>.dcm}, the two directory levels from a hash of the UID (so no
     * directory grows huge). Derived from the SOP Instance UID alone, which a C-STORE request names
     * before its data set arrives, so the object can be written in place. Throws when the UID is invalid.
     */
    public static String instanceKey(String sopInstanceUid) {
        String uid = require(sopInstanceUid, "SOP Instance UID");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(uid.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long h = crc.getValue();
        return String.format("%02x/%02x/%s.dcm", (h >>> 8) & 0xFF, h & 0xFF, uid);
    }

    /** Returns the UID when valid, else throws {@link InvalidUidException} naming it. */
    public static String require(String uid, String what) {
        if (!UIDs.isValid(uid)) {
            throw new InvalidUidException(what + " '" + printable(uid) + "' is not a valid UID");
        }
        return uid;
    }

    /** True when {@code key} is exactly what {@link #instanceKey} produces for its UID. */
    public static boolean isValidKey(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length != 3 || !parts[2].endsWith(".dcm")) {
            return false;
        }
        String uid = parts[2].substring(0, parts[2].length() - 4);
        return UIDs.isValid(uid) && key.equals(instanceKey(uid));
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
