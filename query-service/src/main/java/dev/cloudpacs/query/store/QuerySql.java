package dev.cloudpacs.query.store;

import dev.cloudpacs.dicom.net.query.Keys;
import dev.cloudpacs.dicom.net.query.Match;
import dev.cloudpacs.dicom.net.query.Query;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryLevel;
import dev.cloudpacs.dicom.net.query.Temporal;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates a {@link Query} into one parameterised SELECT over the index: index-column keys become
 * WHERE conditions (values only ever as parameters), derived attributes become subqueries, and keys
 * the index has no column for are left to {@link HeaderMatcher} on the stored header, which the
 * statement then selects too.
 */
final class QuerySql {
    final String sql;
    final List<Object> params;
    /** The attributes selected, in column order after the level's primary key. */
    final List<IndexAttribute> selected;
    /** Whether the header JSON is selected (last column). */
    final boolean header;
    /** Keys matched on the header after the database has matched the rest. */
    final List<Query.Key> headerKeys;
    /** Whether LIMIT/OFFSET are in the statement (no header matching left to do). */
    final boolean windowInSql;

    private QuerySql(String sql, List<Object> params, List<IndexAttribute> selected, boolean header,
                     List<Query.Key> headerKeys, boolean windowInSql) {
        this.windowInSql = windowInSql;
        this.sql = sql;
        this.params = params;
        this.selected = selected;
        this.header = header;
        this.headerKeys = headerKeys;
    }

    /**
     * A window ({@code offset}/{@code limit}, 0 = none) orders the rows by key; it goes into the SQL
     * only when no key is left to header matching ({@link #windowInSql}), else the caller applies it.
     */
    static QuerySql of(Query q, int offset, int limit) throws QueryException {
        QueryLevel level = q.level();
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<Query.Key> headerKeys = new ArrayList<>();
        Set<IndexAttribute> select = EnumSet.noneOf(IndexAttribute.class);
        for (IndexAttribute a : IndexAttribute.values()) {
            if (a.type.column() && a.availableAt(level)) {
                select.add(a);
            }
        }
        boolean header = q.all();
        boolean combined = q.combinedDateTime() && isRange(q.key(Tag.StudyDate)) && isRange(q.key(Tag.StudyTime))
                && level != QueryLevel.PATIENT;
        for (Query.Key k : q.keys()) {
            IndexAttribute a = IndexAttribute.of(k.tag());
            if (a == null) {
                header |= !k.optional();
                if (!(k.match() instanceof Match.Universal)) {
                    headerKeys.add(k);
                }
                continue;
            }
            if (!a.availableAt(level)) {
                continue; // a key below the queried level neither matches nor has a value here
            }
            select.add(a);
            if (k.match() instanceof Match.Universal || a.type == IndexAttribute.Type.ARCHIVE) {
                continue;
            }
            if (combined && (a == IndexAttribute.STUDY_DATE || a == IndexAttribute.STUDY_TIME)) {
                continue;
            }
            String cond = condition(a, k.match(), q.ignoreCaseNames(), params);
            if (cond != null) {
                where.add(cond);
            }
        }
        if (combined) {
            where.add(combinedDateTime((Match.Range) q.key(Tag.StudyDate).match(),
                    (Match.Range) q.key(Tag.StudyTime).match(), params));
        }
        List<IndexAttribute> selected = new ArrayList<>(select);
        StringBuilder sb = new StringBuilder("SELECT ").append(pk(level));
        for (IndexAttribute a : selected) {
            sb.append(", ").append(a.sql == null ? "NULL" : a.sql).append(" AS ").append(a.alias());
        }
        if (header) {
            sb.append(", ").append(headerSql(level)).append(" AS header");
        }
        sb.append(" FROM ").append(from(level));
        if (!where.isEmpty()) {
            sb.append(" WHERE ").append(String.join(" AND ", where));
        }
        boolean windowInSql = headerKeys.isEmpty();
        if (offset > 0 || limit > 0) {
            sb.append(" ORDER BY ").append(pk(level));
        }
        if (windowInSql && limit > 0) {
            sb.append(" LIMIT ").append(limit);
        }
        if (windowInSql && offset > 0) {
            sb.append(" OFFSET ").append(offset);
        }
        return new QuerySql(sb.toString(), params, selected, header, headerKeys, windowInSql);
    }

    private static boolean isRange(Query.Key k) {
        return k != null && k.match() instanceof Match.Range;
    }

    static String pk(QueryLevel level) {
        return switch (level) {
            case PATIENT -> "p.pk";
            case STUDY -> "st.pk";
            case SERIES -> "se.pk";
            case IMAGE -> "i.pk";
        };
    }

    private static String from(QueryLevel level) {
        return switch (level) {
            case PATIENT -> "patient p";
            case STUDY -> "study st JOIN patient p ON st.patient_fk = p.pk";
            case SERIES -> "series se JOIN study st ON se.study_fk = st.pk JOIN patient p ON st.patient_fk = p.pk";
            case IMAGE -> "instance i JOIN series se ON i.series_fk = se.pk JOIN study st ON se.study_fk = st.pk"
                    + " JOIN patient p ON st.patient_fk = p.pk";
        };
    }

    /** The entity's own header, or for the levels above the image that of its first instance. */
    private static String headerSql(QueryLevel level) {
        return switch (level) {
            case IMAGE -> "i.header";
            case SERIES -> "(SELECT x.header FROM instance x WHERE x.series_fk = se.pk ORDER BY x.pk LIMIT 1)";
            case STUDY -> "(SELECT x.header FROM instance x JOIN series y ON x.series_fk = y.pk"
                    + " WHERE y.study_fk = st.pk ORDER BY x.pk LIMIT 1)";
            case PATIENT -> "(SELECT x.header FROM instance x JOIN series y ON x.series_fk = y.pk"
                    + " JOIN study z ON y.study_fk = z.pk WHERE z.patient_fk = p.pk ORDER BY x.pk LIMIT 1)";
        };
    }

    private static String condition(IndexAttribute a, Match m, boolean ignoreCase, List<Object> params)
            throws QueryException {
        if (a == IndexAttribute.MODALITIES_IN_STUDY) {
            return "EXISTS (SELECT 1 FROM unnest(st.modalities) x WHERE "
                    + condition("x", IndexAttribute.Type.STRING, a.tag, m, false, params) + ")";
        }
        if (a == IndexAttribute.SOP_CLASSES_IN_STUDY) {
            return "EXISTS (SELECT 1 FROM instance x JOIN series y ON x.series_fk = y.pk WHERE y.study_fk = st.pk AND "
                    + condition("x.sop_class_uid", IndexAttribute.Type.STRING, a.tag, m, false, params) + ")";
        }
        if (a.type == IndexAttribute.Type.COUNT) {
            return null; // return keys only: PS3.4 does not define matching on them
        }
        String col = a.sql;
        boolean ci = ignoreCase && a.type == IndexAttribute.Type.NAME;
        if (ci) {
            col = a == IndexAttribute.PATIENT_NAME ? "p.patient_name_uc" : "upper(" + col + ")";
        }
        return condition(col, a.type, a.tag, m, ci, params);
    }

    private static String condition(String col, IndexAttribute.Type type, int tag, Match m, boolean upper,
                                    List<Object> params) throws QueryException {
        switch (m) {
            case Match.AnyOf any -> {
                List<String> alts = new ArrayList<>();
                for (Match alt : any.alternatives()) {
                    alts.add(condition(col, type, tag, alt, upper, params));
                }
                return "(" + String.join(" OR ", alts) + ")";
            }
            case Match.Single s -> {
                String v = s.value();
                switch (type) {
                    case DATE -> {
                        params.add(Temporal.date(v));
                        return col + " = ?";
                    }
                    case TIME -> {
                        params.add(Temporal.timeLower(v));
                        params.add(Temporal.timeUpper(v));
                        return col + " BETWEEN ? AND ?";
                    }
                    case INTEGER -> {
                        try {
                            // IS: up to 12 characters, beyond an int; the columns are BIGINT.
                            String n = v.strip();
                            params.add(Long.parseLong(n.startsWith("+") ? n.substring(1) : n));
                        } catch (NumberFormatException e) {
                            throw new QueryException(Status.UNABLE_TO_PROCESS, "invalid IS value '" + v + "' in "
                                    + Keys.name(tag));
                        }
                        return col + " = ?";
                    }
                    default -> {
                        params.add(upper ? v.toUpperCase(Locale.ROOT) : v);
                        return col + " = ?";
                    }
                }
            }
            case Match.Wildcard w -> {
                params.add(like(upper ? w.pattern().toUpperCase(Locale.ROOT) : w.pattern()));
                return col + " LIKE ? ESCAPE '\\'";
            }
            case Match.Range r -> {
                List<String> parts = new ArrayList<>(2);
                if (r.lower() != null) {
                    params.add(type == IndexAttribute.Type.DATE ? Temporal.date(r.lower()) : Temporal.timeLower(r.lower()));
                    parts.add(col + " >= ?");
                }
                if (r.upper() != null) {
                    params.add(type == IndexAttribute.Type.DATE ? Temporal.date(r.upper()) : Temporal.timeUpper(r.upper()));
                    parts.add(col + " <= ?");
                }
                return "(" + String.join(" AND ", parts) + ")";
            }
            default -> throw new QueryException(Status.UNABLE_TO_PROCESS, "cannot match " + Keys.name(tag) + " this way");
        }
    }

    /** Study Date and Time ranges as one: from the lower date at the lower time to the upper date at the upper time. */
    private static String combinedDateTime(Match.Range d, Match.Range t, List<Object> params) {
        List<String> parts = new ArrayList<>();
        String at = "(st.study_date + COALESCE(st.study_time, TIME '00:00'))";
        if (d.lower() != null) {
            params.add(Temporal.date(d.lower()));
            parts.add("st.study_date >= ?");
            params.add(LocalDateTime.of(Temporal.date(d.lower()),
                    t.lower() == null ? java.time.LocalTime.MIN : Temporal.timeLower(t.lower())));
            parts.add(at + " >= ?");
        }
        if (d.upper() != null) {
            params.add(Temporal.date(d.upper()));
            parts.add("st.study_date <= ?");
            params.add(LocalDateTime.of(Temporal.date(d.upper()),
                    t.upper() == null ? java.time.LocalTime.MAX : Temporal.timeUpper(t.upper())));
            parts.add(at + " <= ?");
        }
        return parts.isEmpty() ? "TRUE" : "(" + String.join(" AND ", parts) + ")";
    }

    /** A DICOM wildcard pattern as a LIKE pattern: * and ? become % and _, LIKE's own specials are escaped. */
    static String like(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length() + 4);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> sb.append('%');
                case '?' -> sb.append('_');
                case '%', '_', '\\' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

}
