package dev.cloudpacs.dicom.core.dict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The private dictionary (private.tsv) indexed by private creator, then by group and element.
 *
 * <p>Most entries give the element's low byte only, because a creator's block (gggg,xx00-xxFF) is
 * whichever one its Private Creator element reserved (PS3.5 section 7.8.1); a few give a fixed
 * element. Both kinds share one map per creator: low-byte keys have elements below 0x100 and fixed
 * keys at or above 0x1000, so they cannot collide.
 */
final class PrivateIndex {
    /** Entries of one private creator. */
    private record Creator(IntMap<DictionaryEntry> byTag, List<DictionaryEntry> groupRanges) {
    }

    private final Map<String, Creator> creators;

    private PrivateIndex(Map<String, Creator> creators) {
        this.creators = creators;
    }

    /** Loads private.tsv: creator, group (or odd group range), element, VRs, VM, keyword. */
    static PrivateIndex load() {
        Map<String, List<DictionaryEntry>> byCreator = new HashMap<>();
        for (String[] f : Tsv.read("private.tsv", 6)) {
            TagPattern p = TagPattern.parse(f[1] + "," + (f[2].length() == 2 ? "00" + f[2] : f[2]));
            DictionaryEntry e = new DictionaryEntry(p.baseTag(), p.isSingleTag() ? null : p, Tsv.vrs(f[3]), f[4],
                    f[5], false, f[0]);
            byCreator.computeIfAbsent(f[0], k -> new ArrayList<>()).add(e);
        }
        Map<String, Creator> creators = new HashMap<>(byCreator.size() * 2);
        byCreator.forEach((name, entries) -> {
            Creator c = new Creator(new IntMap<>(entries.size()), new ArrayList<>());
            for (DictionaryEntry e : entries) {
                if (e.repeating()) {
                    c.groupRanges().add(e);
                } else {
                    c.byTag().put(e.tag(), e);
                }
            }
            creators.put(name, c);
        });
        return new PrivateIndex(creators);
    }

    DictionaryEntry lookup(String creator, int tag) {
        if (creator == null || (tag & 0xFFFF) < 0x1000) {
            return null; // group lengths and creator elements are standard entries
        }
        Creator c = creators.get(creator.trim());
        if (c == null) {
            return null;
        }
        DictionaryEntry e = c.byTag().get(tag);
        if (e == null) {
            e = c.byTag().get((tag & 0xFFFF0000) | (tag & 0xFF));
        }
        return e != null ? e : inGroupRange(c.groupRanges(), tag);
    }

    private static DictionaryEntry inGroupRange(List<DictionaryEntry> candidates, int tag) {
        for (DictionaryEntry r : candidates) {
            int element = r.tag() & 0xFFFF;
            boolean elementMatches = element >= 0x1000 ? element == (tag & 0xFFFF) : element == (tag & 0xFF);
            if (elementMatches && r.pattern().matchesGroup(tag >>> 16)) {
                return r;
            }
        }
        return null;
    }
}
