package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one key of an identifier matches (PS3.4 C.2.2.2): universal, single value, list, wildcard,
 * range or sequence. Parsed once from the key's value; evaluated either as SQL (index columns, see
 * {@link QuerySql}) or here against a stored header value.
 */
public sealed interface Match {
    /** Zero-length key, or "*": matches everything, including entities without the attribute. */
    record Universal() implements Match {
    }

    record Single(String value) implements Match {
    }

    /** Several values (UID list matching, multiple value matching): any of them. */
    record AnyOf(List<Match> alternatives) implements Match {
    }

    /** {@code *} any run of characters, {@code ?} one character. */
    record Wildcard(String pattern) implements Match {
    }

    /** A DA/TM/DT range; a null bound is open. */
    record Range(String lower, String upper) implements Match {
    }

    /** Sequence matching: a stored item matches when it matches every key of the query item. */
    record Items(DataSet item) implements Match {
    }

    Match UNIVERSAL = new Universal();

    /**
     * Parses a key of the given VR from its decoded value.
     *
     * @throws QueryException C000 for a value that cannot be a key of that VR (e.g. a bad date range)
     */
    static Match parse(int tag, VR vr, String raw) throws QueryException {
        if (raw == null || raw.isEmpty()) {
            return UNIVERSAL;
        }
        String[] parts = raw.split("\\\\", -1);
        if (parts.length > 1) {
            List<Match> alts = new ArrayList<>(parts.length);
            for (String p : parts) {
                Match m = parseOne(tag, vr, p.strip());
                if (m instanceof Universal) {
                    return UNIVERSAL;
                }
                alts.add(m);
            }
            return new AnyOf(List.copyOf(alts));
        }
        return parseOne(tag, vr, vr == VR.UI ? raw.strip() : raw.strip());
    }

    private static Match parseOne(int tag, VR vr, String v) throws QueryException {
        if (v.isEmpty() || v.equals("*")) {
            return UNIVERSAL;
        }
        switch (vr) {
            case DA, TM, DT -> {
                int dash = rangeDash(vr, v);
                if (dash >= 0) {
                    String lo = v.substring(0, dash).strip();
                    String hi = v.substring(dash + 1).strip();
                    if (lo.isEmpty() && hi.isEmpty()) {
                        throw new QueryException(Status.UNABLE_TO_PROCESS, "range '-' without bounds in " + Keys.name(tag));
                    }
                    Temporal.check(vr, lo, tag);
                    Temporal.check(vr, hi, tag);
                    return new Range(lo.isEmpty() ? null : lo, hi.isEmpty() ? null : hi);
                }
                Temporal.check(vr, v, tag);
                return new Single(v);
            }
            case UI, IS, DS, SS, US, SL, UL, FL, FD, SV, UV -> {
                return new Single(v);
            }
            default -> {
                if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
                    return new Wildcard(v);
                }
                return new Single(v);
            }
        }
    }

    /** The position of the range separator, or -1; a DT may carry a "-ZZXX" offset after its value. */
    private static int rangeDash(VR vr, String v) {
        if (vr != VR.DT) {
            return v.indexOf('-');
        }
        // DT: the separator is the dash not followed by exactly 4 digits at the end of a bound.
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == '-') {
                boolean offset = i > 0 && i + 5 <= v.length() && v.substring(i + 1, i + 5).chars().allMatch(Character::isDigit)
                        && (i + 5 == v.length() || v.charAt(i + 5) == '-');
                if (!offset) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Whether a stored value (one attribute's values, null or empty when it has none) matches.
     * Person names compare ignoring case when {@code ignoreCase}.
     */
    default boolean matches(String[] stored, VR vr, boolean ignoreCase) {
        if (this instanceof Universal) {
            return true;
        }
        if (stored == null || stored.length == 0) {
            return false;
        }
        for (String s : stored) {
            if (s != null && matchesOne(s.strip(), vr, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesOne(String s, VR vr, boolean ignoreCase) {
        boolean ci = ignoreCase && vr == VR.PN;
        return switch (this) {
            case Universal u -> true;
            case Single x -> vr == VR.DA || vr == VR.TM || vr == VR.DT
                    ? Temporal.inRange(vr, s, x.value(), x.value())
                    : ci ? s.equalsIgnoreCase(x.value()) : s.equals(x.value());
            case AnyOf a -> a.alternatives().stream().anyMatch(m -> m.matchesOne(s, vr, ignoreCase));
            case Wildcard w -> wildcard(ci ? w.pattern().toUpperCase(Locale.ROOT) : w.pattern(),
                    ci ? s.toUpperCase(Locale.ROOT) : s);
            case Range r -> Temporal.inRange(vr, s, r.lower(), r.upper());
            case Items i -> false;
        };
    }

    /** Sequence matching against a stored sequence: some item matches every key of the query item. */
    static boolean matchesSequence(DataSet queryItem, Sequence stored, boolean ignoreCase) throws QueryException {
        if (queryItem == null || queryItem.isEmpty()) {
            return true;
        }
        if (stored == null || stored.isEmpty()) {
            return false;
        }
        for (DataSet item : stored) {
            if (HeaderMatcher.matchesAll(queryItem, item, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    /** Whole-value wildcard matching ({@code *} and {@code ?}) without regular expressions. */
    static boolean wildcard(String p, String s) {
        int pi = 0, si = 0, star = -1, mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
