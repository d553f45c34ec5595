package dev.cloudpacs.dicom.core.dict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard dictionary (elements.tsv) indexed for lookup by tag and keyword.
 *
 * <p>Single tags sit in a primitive hash map. The few repeating entries are indexed by element when
 * they have a single element, which narrows a miss to one or two candidates, and otherwise kept in
 * a short list. Candidates are ordered narrowest pattern first, so that for example (0011,0000)
 * resolves to PrivateGroupLength rather than the all-groups GenericGroupLength.
 */
final class StandardIndex {
    private static final Comparator<DictionaryEntry> NARROWEST_FIRST =
            Comparator.comparingLong(e -> e.pattern().size());
    private static final DictionaryEntry[] NONE = new DictionaryEntry[0];

    private final List<DictionaryEntry> entries;
    private final IntMap<DictionaryEntry> single;
    private final IntMap<DictionaryEntry[]> repeatingByElement;
    private final DictionaryEntry[] elementRanges;
    private final Map<String, DictionaryEntry> byKeyword;

    private StandardIndex(List<DictionaryEntry> entries) {
        this.entries = List.copyOf(entries);
        single = new IntMap<>(entries.size());
        byKeyword = new HashMap<>(entries.size() * 2);
        Map<Integer, List<DictionaryEntry>> byElement = new HashMap<>();
        List<DictionaryEntry> ranges = new ArrayList<>();
        for (DictionaryEntry e : entries) {
            byKeyword.put(e.keyword(), e);
            TagPattern p = e.pattern();
            if (p == null) {
                single.put(e.tag(), e);
            } else if (p.elementLow() == p.elementHigh()) {
                byElement.computeIfAbsent(p.elementLow(), k -> new ArrayList<>()).add(e);
            } else {
                ranges.add(e);
            }
        }
        repeatingByElement = new IntMap<>(byElement.size());
        byElement.forEach((element, list) -> {
            list.sort(NARROWEST_FIRST);
            repeatingByElement.put(element, list.toArray(NONE));
        });
        ranges.sort(NARROWEST_FIRST);
        elementRanges = ranges.toArray(NONE);
    }

    /** Loads elements.tsv: tag pattern, VRs, VM, keyword, retired flag. */
    static StandardIndex load() {
        List<DictionaryEntry> entries = new ArrayList<>();
        for (String[] f : Tsv.read("elements.tsv", 5)) {
            TagPattern p = TagPattern.parse(f[0]);
            entries.add(new DictionaryEntry(p.baseTag(), p.isSingleTag() ? null : p, Tsv.vrs(f[1]), f[2], f[3],
                    f[4].equals("R"), null));
        }
        return new StandardIndex(entries);
    }

    List<DictionaryEntry> entries() {
        return entries;
    }

    DictionaryEntry lookup(int tag) {
        DictionaryEntry e = single.get(tag);
        if (e != null) {
            return e;
        }
        // A repeating entry with the exact element is narrower than any element range, so try it first.
        DictionaryEntry[] candidates = repeatingByElement.get(tag & 0xFFFF);
        e = firstMatch(candidates == null ? NONE : candidates, tag);
        return e != null ? e : firstMatch(elementRanges, tag);
    }

    DictionaryEntry byKeyword(String keyword) {
        return byKeyword.get(keyword);
    }

    private static DictionaryEntry firstMatch(DictionaryEntry[] candidates, int tag) {
        for (DictionaryEntry e : candidates) {
            if (e.pattern().matches(tag)) {
                return e;
            }
        }
        return null;
    }
}
