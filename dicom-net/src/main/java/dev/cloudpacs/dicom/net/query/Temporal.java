package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.util.DateTimes;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * DA/TM/DT keys: validation, the bounds a partial value stands for ("1015" is 10:15:00 to
 * 10:15:59.999999), and comparison of stored values against a range.
 */
public final class Temporal {
    private Temporal() {
    }

    static void check(VR vr, String v, int tag) throws QueryException {
        if (v.isEmpty()) {
            return;
        }
        try {
            switch (vr) {
                case DA -> DateTimes.parseDate(v);
                case TM -> DateTimes.parseTime(v);
                default -> DateTimes.parseDateTime(v, java.time.ZoneOffset.UTC);
            }
        } catch (java.time.DateTimeException e) {
            throw new QueryException(Status.UNABLE_TO_PROCESS, "invalid " + vr + " value '" + v + "' in " + Keys.name(tag));
        }
    }

    /** A DA value as a date. */
    public static LocalDate date(String v) {
        return DateTimes.parseDate(v);
    }

    /** The first instant a partial TM value covers. */
    public static LocalTime timeLower(String v) {
        return DateTimes.parseTime(v);
    }

    /** The last instant a partial TM value covers. */
    public static LocalTime timeUpper(String v) {
        String t = v.strip().replace(":", "");
        if (t.indexOf('.') >= 0) {
            return DateTimes.parseTime(t);
        }
        LocalTime base = DateTimes.parseTime(t);
        return switch (t.length()) {
            case 2 -> base.withMinute(59).withSecond(59).withNano(999_999_000);
            case 4 -> base.withSecond(59).withNano(999_999_000);
            default -> base.withNano(999_999_000);
        };
    }

    /** Whether a stored value lies in [lower, upper] at the precision each bound is given with. */
    static boolean inRange(VR vr, String stored, String lower, String upper) {
        String s = normalize(vr, stored);
        if (lower != null && s.compareTo(normalize(vr, lower)) < 0) {
            return false;
        }
        if (upper != null) {
            String u = normalize(vr, upper);
            String prefix = s.length() > u.length() ? s.substring(0, u.length()) : s;
            return prefix.compareTo(u) <= 0;
        }
        return true;
    }

    private static String normalize(VR vr, String v) {
        String s = v.strip();
        if (vr == VR.DT) {
            int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
            if (sign > 0) {
                s = s.substring(0, sign);
            }
        }
        return s.replace(".", vr == VR.DA ? "" : ".").replace(":", "");
    }
}
