package dev.cloudpacs.dicom.core.dict;

/**
 * The set of tags a repeating dictionary entry stands for: a group range and an element range, each
 * restricted to even, odd or all values. Examples from PS3.6: Overlay Data (60xx,3000) is groups
 * 6000-60FF, even only; Private Creator (gggg,0010-00FF) is odd groups 0009-FFFF, any element.
 *
 * @param groupLow first group of the range
 * @param groupHigh last group of the range (inclusive)
 * @param groupParity which groups within the range belong to it
 * @param elementLow first element of the range
 * @param elementHigh last element of the range (inclusive)
 * @param elementParity which elements within the range belong to it
 */
public record TagPattern(int groupLow, int groupHigh, Parity groupParity,
                         int elementLow, int elementHigh, Parity elementParity) {

    /** Which numbers of a range are included. */
    public enum Parity {
        /** Only even numbers, the default for repeating groups such as 60xx. */
        EVEN,
        /** Only odd numbers, e.g. private groups. */
        ODD,
        /** Every number in the range. */
        ANY;

        boolean accepts(int value) {
            return switch (this) {
                case EVEN -> (value & 1) == 0;
                case ODD -> (value & 1) != 0;
                case ANY -> true;
            };
        }
    }

    /** True when {@code tag} lies in both ranges and satisfies both parity rules. */
    public boolean matches(int tag) {
        return matchesGroup(tag >>> 16) && inRange(tag & 0xFFFF, elementLow, elementHigh, elementParity);
    }

    /** True when {@code group} lies in the group range and satisfies its parity rule. */
    public boolean matchesGroup(int group) {
        return inRange(group, groupLow, groupHigh, groupParity);
    }

    /** True when both ranges hold a single value, i.e. the pattern is one plain tag. */
    public boolean isSingleTag() {
        return groupLow == groupHigh && elementLow == elementHigh;
    }

    /** The first tag of the pattern, e.g. (6000,3000) for (60xx,3000). */
    public int baseTag() {
        return (groupLow << 16) | elementLow;
    }

    /** How many tags the pattern covers; lookups prefer the narrowest matching pattern. */
    long size() {
        return count(groupLow, groupHigh, groupParity) * count(elementLow, elementHigh, elementParity);
    }

    /**
     * Parses the dictionary notation {@code GGGG,EEEE} where either part may be a range
     * {@code LLLL-p-HHHH} with p = e (even), o (odd) or u (unrestricted).
     *
     * @throws IllegalArgumentException when the text is not in that notation
     */
    public static TagPattern parse(String text) {
        int comma = text.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("Not a tag pattern: " + text);
        }
        Part group = Part.parse(text.substring(0, comma));
        Part element = Part.parse(text.substring(comma + 1));
        return new TagPattern(group.low, group.high, group.parity, element.low, element.high, element.parity);
    }

    /** One half of a pattern, used only while parsing. */
    record Part(int low, int high, Parity parity) {
        static Part parse(String s) {
            if (s.length() == 4) {
                int v = hex(s);
                return new Part(v, v, Parity.ANY);
            }
            if (s.length() != 11 || s.charAt(4) != '-' || s.charAt(6) != '-') {
                throw new IllegalArgumentException("Not a tag range: " + s);
            }
            Parity parity = switch (s.charAt(5)) {
                case 'e' -> Parity.EVEN;
                case 'o' -> Parity.ODD;
                case 'u' -> Parity.ANY;
                default -> throw new IllegalArgumentException("Unknown parity in " + s);
            };
            return new Part(hex(s.substring(0, 4)), hex(s.substring(7)), parity);
        }

        private static int hex(String s) {
            return Integer.parseInt(s, 16);
        }
    }

    private static boolean inRange(int v, int low, int high, Parity parity) {
        return v >= low && v <= high && parity.accepts(v);
    }

    private static long count(int low, int high, Parity parity) {
        return parity == Parity.ANY ? high - low + 1 : (high - low) / 2 + 1;
    }
}
