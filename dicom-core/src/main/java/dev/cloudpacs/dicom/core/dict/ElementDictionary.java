package dev.cloudpacs.dicom.core.dict;

import dev.cloudpacs.dicom.core.VR;
import java.util.List;

/**
 * The DICOM data dictionary: VR, VM and keyword of the standard data elements (PS3.6, including
 * retired ones, DICONDE and DICOS) and of known private data elements.
 *
 * <p>Besides single tags it resolves every repeating form of the standard: repeating groups such as
 * (50xx,eeee), (60xx,eeee) and (7Fxx,eeee), element ranges such as (0020,31xx), group length
 * elements (gggg,0000) (GenericGroupLength, or PrivateGroupLength in private groups, unless the
 * group's own length element is defined) and Private Creator elements (gggg,0010-00FF) in odd groups.
 *
 * <p>The tables are generated from DCMTK's dictionaries by {@code src/build/DictionaryGenerator.java}
 * and loaded on first use, once, thread-safely (class initialization); the standard and private
 * tables load independently. Lookups by tag allocate nothing.
 */
public final class ElementDictionary {
    private ElementDictionary() {
    }

    /** Lazy holder: loaded when first touched, published safely by class initialization. */
    private static final class Standard {
        static final StandardIndex INDEX = StandardIndex.load();
    }

    /** Separate holder, so readers that never meet private tags never load private.tsv. */
    private static final class Private {
        static final PrivateIndex INDEX = PrivateIndex.load();
    }

    /**
     * The standard entry for {@code tag}: its own entry if it has one, else the narrowest repeating
     * entry covering it; {@code null} when the standard does not define the tag (e.g. private data
     * elements, see {@link #lookupPrivate}).
     */
    public static DictionaryEntry lookup(int tag) {
        return Standard.INDEX.lookup(tag);
    }

    /**
     * The VR to assume for {@code tag} when the encoding does not carry one: the first allowed VR of
     * its entry (OW for OB/OW pixel data, US for US/SS), or UN when the tag is unknown, is a private
     * data element (whose VR depends on its creator), or is an item or delimiter.
     */
    public static VR vrOf(int tag) {
        DictionaryEntry e = Standard.INDEX.lookup(tag);
        VR vr = e == null ? null : e.vr();
        return vr == null ? VR.UN : vr;
    }

    /** The PS3.6 keyword of {@code tag}, e.g. "PatientName", or {@code null} when unknown. */
    public static String keywordOf(int tag) {
        DictionaryEntry e = Standard.INDEX.lookup(tag);
        return e == null ? null : e.keyword();
    }

    /**
     * The tag with the given PS3.6 keyword, or -1 when unknown. Repeating entries give their first
     * tag, e.g. 0x60003000 for "OverlayData".
     */
    public static int tagOf(String keyword) {
        DictionaryEntry e = keyword == null ? null : Standard.INDEX.byKeyword(keyword);
        return e == null ? -1 : e.tag();
    }

    /**
     * The private dictionary entry for a private data element.
     *
     * @param creator the value of the Private Creator element reserving the tag's block; surrounding
     *     spaces are ignored, case matters
     * @param tag the private data element's tag (gggg,xxee); entries match on group and on the low
     *     byte ee, or on the full element for the few entries that define a fixed one
     * @return the entry, or {@code null} when the creator or element is not in the private dictionary
     */
    public static DictionaryEntry lookupPrivate(String creator, int tag) {
        return Private.INDEX.lookup(creator, tag);
    }

    /** All standard entries, ordered by (first) tag. */
    public static List<DictionaryEntry> entries() {
        return Standard.INDEX.entries();
    }
}
