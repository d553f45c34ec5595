package dev.cloudpacs.dicom.core.util;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * UID validation and generation, PS3.5 section 9: at most 64 characters, numeric components separated
 * by dots, no leading zero in a multi-digit component, no empty component.
 */
public final class UIDs {
    /** Root for UUID-derived UIDs (PS3.5 section B.2). */
    public static final String UUID_ROOT = "2.25.";

    private UIDs() {
    }

    /** True when {@code uid} is a syntactically valid UID. */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            char c = i < uid.length() ? uid.charAt(i) : '.';
            if (c == '.') {
                int len = i - componentStart;
                if (len == 0 || len > 1 && uid.charAt(componentStart) == '0') {
                    return false;
                }
                componentStart = i + 1;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A new globally unique UID of the form {@code 2.25.<128-bit UUID as decimal>}. */
    public static String generate() {
        return fromUUID(UUID.randomUUID());
    }

    /** The UUID-derived UID for {@code uuid} (PS3.5 section B.2). */
    public static String fromUUID(UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return UUID_ROOT + new BigInteger(1, b.array());
    }
}
