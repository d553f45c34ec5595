package dev.cloudpacs.dicom.core.util;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parsing of the DA, TM and DT value representations (PS3.5 Table 6.2-1). Partial values are filled
 * with the earliest instant they denote ({@code 2024} is 2024-01-01), as range matching needs; the
 * pre-3.0 forms {@code yyyy.mm.dd} and {@code hh:mm:ss} are accepted.
 */
public final class DateTimes {
    private DateTimes() {
    }

    /** Parses a DA value ({@code YYYYMMDD}). */
    public static LocalDate parseDate(String s) {
        String d = s.trim().replace(".", "");
        if (d.length() != 8 || !digits(d)) {
            throw new DateTimeParseException("invalid DA value '" + s + "' (expected YYYYMMDD)", s, 0);
        }
        return LocalDate.of(num(d, 0, 4), num(d, 4, 6), num(d, 6, 8));
    }

    /** Parses a TM value ({@code HH[MM[SS[.F{1,6}]]]}). */
    public static LocalTime parseTime(String s) {
        String t = s.trim().replace(":", "");
        int dot = t.indexOf('.');
        String main = dot < 0 ? t : t.substring(0, dot);
        if (main.isEmpty() || main.length() > 6 || (main.length() & 1) != 0 || !digits(main)) {
            throw new DateTimeParseException("invalid TM value '" + s + "' (expected HH[MM[SS[.FFFFFF]]])", s, 0);
        }
        int h = num(main, 0, 2);
        int m = main.length() >= 4 ? num(main, 2, 4) : 0;
        int sec = main.length() >= 6 ? num(main, 4, 6) : 0;
        int nanos = dot < 0 ? 0 : fraction(t.substring(dot + 1), s);
        // 60 is allowed for leap seconds; LocalTime cannot hold it, so clamp.
        return LocalTime.of(h, m, Math.min(sec, 59), nanos);
    }

    /**
     * Parses a DT value ({@code YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]}); without an offset the
     * given default offset applies.
     */
    public static OffsetDateTime parseDateTime(String s, ZoneOffset defaultOffset) {
        String v = s.trim();
        ZoneOffset offset = defaultOffset;
        int sign = Math.max(v.lastIndexOf('+'), v.lastIndexOf('-'));
        if (sign > 0) {
            String z = v.substring(sign);
            if (z.length() != 5 || !digits(z.substring(1))) {
                throw new DateTimeParseException("invalid DT offset in '" + s + "'", s, sign);
            }
            offset = ZoneOffset.ofHoursMinutes(num(z, 1, 3) * (z.charAt(0) == '-' ? -1 : 1),
                    num(z, 3, 5) * (z.charAt(0) == '-' ? -1 : 1));
            v = v.substring(0, sign);
        }
        int dot = v.indexOf('.');
        String main = dot < 0 ? v : v.substring(0, dot);
        if (main.length() < 4 || main.length() > 14 || (main.length() & 1) != 0 || !digits(main)) {
            throw new DateTimeParseException("invalid DT value '" + s + "'", s, 0);
        }
        int year = num(main, 0, 4);
        int month = main.length() >= 6 ? num(main, 4, 6) : 1;
        int day = main.length() >= 8 ? num(main, 6, 8) : 1;
        int hour = main.length() >= 10 ? num(main, 8, 10) : 0;
        int min = main.length() >= 12 ? num(main, 10, 12) : 0;
        int sec = main.length() >= 14 ? num(main, 12, 14) : 0;
        int nanos = dot < 0 ? 0 : fraction(v.substring(dot + 1), s);
        return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, min, Math.min(sec, 59), nanos), offset);
    }

    /** Formats a date as DA. */
    public static String formatDate(LocalDate d) {
        return String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /** Formats a time as TM with microseconds when non-zero. */
    public static String formatTime(LocalTime t) {
        String base = String.format("%02d%02d%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }

    private static int fraction(String f, String whole) {
        if (f.isEmpty() || f.length() > 6 || !digits(f)) {
            throw new DateTimeParseException("invalid fractional seconds in '" + whole + "'", whole, 0);
        }
        return Integer.parseInt((f + "000000").substring(0, 6)) * 1000;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }
}
