package dev.cloudpacs.retrieve.service.wado;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media ranges of an HTTP {@code Accept} header (RFC 9110 section 12.5.1), best first. DICOMweb
 * puts a {@code type} and a {@code transfer-syntax} parameter on {@code multipart/related}
 * (PS3.18 8.7.3.5), so parameters are kept, quoted strings included.
 */
public final class AcceptHeader {
    private AcceptHeader() {
    }

    /**
     * One media range.
     *
     * @param type    lower-case type, {@code *} for any
     * @param subtype lower-case subtype, {@code *} for any
     * @param params  parameters other than {@code q}, names lower-case, values unquoted
     * @param q       the quality weight, 0 to 1
     */
    public record MediaRange(String type, String subtype, Map<String, String> params, double q) {
        /** True when this range admits {@code type/subtype} (wildcards count). */
        public boolean admits(String t, String s) {
            return (type.equals("*") || type.equals(t)) && (subtype.equals("*") || subtype.equals(s));
        }

        /** True for {@code * / *} alone. */
        public boolean isWildcard() {
            return type.equals("*") && subtype.equals("*");
        }

        public String param(String name) {
            return params.get(name);
        }
    }

    /**
     * Parses one or more Accept header values (a list already joined by commas is fine). No header
     * means anything is acceptable; ranges with {@code q=0} are dropped; ties keep their order.
     *
     * @throws WadoException 400 for a range that is not {@code type/subtype}
     */
    public static List<MediaRange> parse(List<String> headers) throws WadoException {
        List<MediaRange> out = new ArrayList<>();
        if (headers != null) {
            for (String h : headers) {
                for (String range : split(h, ',')) {
                    if (!range.isBlank()) {
                        MediaRange r = range(range.trim());
                        if (r.q() > 0) {
                            out.add(r);
                        }
                    }
                }
            }
        }
        if (out.isEmpty() && (headers == null || headers.stream().allMatch(h -> h == null || h.isBlank()))) {
            out.add(new MediaRange("*", "*", Map.of(), 1));
        }
        out.sort(Comparator.comparingDouble(MediaRange::q).reversed());
        return out;
    }

    private static MediaRange range(String text) throws WadoException {
        List<String> parts = split(text, ';');
        String full = parts.get(0).trim().toLowerCase(Locale.ROOT);
        int slash = full.indexOf('/');
        if (slash <= 0 || slash == full.length() - 1) {
            throw WadoException.badRequest("malformed media range '" + text + "' in the Accept header");
        }
        Map<String, String> params = new LinkedHashMap<>();
        double q = 1;
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i).trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = unquote(p.substring(eq + 1).trim());
            if (name.equals("q")) {
                try {
                    q = Math.max(0, Math.min(1, Double.parseDouble(value)));
                } catch (NumberFormatException e) {
                    throw WadoException.badRequest("malformed q value '" + value + "' in the Accept header");
                }
            } else {
                params.put(name, value);
            }
        }
        return new MediaRange(full.substring(0, slash).trim(), full.substring(slash + 1).trim(), Map.copyOf(params), q);
    }

    /** Splits at {@code sep} outside double quotes. */
    static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }
}
