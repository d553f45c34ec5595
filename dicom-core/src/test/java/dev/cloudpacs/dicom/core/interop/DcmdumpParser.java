package dev.cloudpacs.dicom.core.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the default (indented) output format of DCMTK 3.6.7 {@code dcmdump} into {@link DumpLine}s. */
final class DcmdumpParser {

    private static final String META_HEADER = "# Dicom-Meta-Information-Header";
    private static final String DATA_SET_HEADER = "# Dicom-Data-Set";

    /** Start of an element line: indentation, tag and VR. */
    private static final Pattern ELEMENT_START =
            Pattern.compile("^( *)\\(([0-9a-fA-F]{4}),([0-9a-fA-F]{4})\\) (\\S\\S) ");

    /**
     * The {@code # length, VM Keyword} trailer that ends every element. Keywords never contain
     * '#', so anchoring at the end picks the last '#' even when a string value contains one.
     */
    private static final Pattern TRAILER =
            Pattern.compile(" *# *(u/l|\\d+), (\\d+) ?([^#\\n]*)$");

    private DcmdumpParser() {
    }

    /** Parses complete dcmdump output; comment and blank lines only switch meta/data set state. */
    static List<DumpLine> parse(String output) {
        List<DumpLine> result = new ArrayList<>();
        boolean meta = false;
        StringBuilder pending = null;
        // Split on LF only: a CR printed inside an LT/ST/UT value must stay part of the value.
        for (String physical : output.split("\n", -1)) {
            if (pending != null) {
                // A string value containing line breaks continues until a line ends with the trailer.
                pending.append('\n').append(physical);
                if (TRAILER.matcher(physical).find()) {
                    result.add(parseElement(pending.toString(), meta));
                    pending = null;
                }
                continue;
            }
            String trimmed = physical.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                if (trimmed.equals(META_HEADER)) {
                    meta = true;
                } else if (trimmed.equals(DATA_SET_HEADER)) {
                    meta = false;
                }
                continue;
            }
            if (!ELEMENT_START.matcher(physical).find()) {
                throw new IllegalArgumentException("Unrecognised dcmdump line: " + physical);
            }
            if (TRAILER.matcher(physical).find()) {
                result.add(parseElement(physical, meta));
            } else {
                pending = new StringBuilder(physical);
            }
        }
        if (pending != null) {
            throw new IllegalArgumentException("Unterminated dcmdump element: " + pending);
        }
        return result;
    }

    /** Parses one logical element line (possibly spanning physical lines). */
    static DumpLine parseElement(String line, boolean meta) {
        Matcher start = ELEMENT_START.matcher(line);
        Matcher trailer = TRAILER.matcher(line);
        if (!start.find() || !trailer.find(start.end())) {
            throw new IllegalArgumentException("Unrecognised dcmdump element: " + line);
        }
        int depth = start.group(1).length() / 2;
        int tag = Integer.parseUnsignedInt(start.group(2) + start.group(3), 16);
        String vr = start.group(4);
        String printed = line.substring(start.end(), trailer.start());
        long length = trailer.group(1).equals("u/l") ? -1 : Long.parseLong(trailer.group(1));
        int vm = Integer.parseInt(trailer.group(2));
        String keyword = trailer.group(3).strip();
        return new DumpLine(depth, tag, vr, valueOf(vr, printed), length, vm, keyword, line, meta);
    }

    /** Removes dcmdump's decoration from a printed value, see {@link DumpLine}. */
    private static String valueOf(String vr, String printed) {
        if (printed.startsWith("[") && printed.endsWith("]")) {
            return printed.substring(1, printed.length() - 1);
        }
        if (printed.equals("(no value available)")) {
            return "";
        }
        // "(Sequence with ... #=N)", "(Item with ...)", "(PixelSequence #=N)", "(not loaded)";
        // AT values also start with '(' but are data.
        if (!vr.equals("AT") && printed.startsWith("(") && printed.endsWith(")")) {
            return printed.substring(1, printed.length() - 1);
        }
        return printed;
    }
}
