package dev.cloudpacs.dicom.core.dict;

import dev.cloudpacs.dicom.core.VR;
import java.util.List;

/**
 * One data element definition from the standard (PS3.6) or private dictionary.
 *
 * <p>For private entries {@link #tag()} holds the group and either the element's low byte (e.g.
 * {@code 0x00190012}: offset 12 in whatever block the creator reserved) or, when the element is
 * {@code >= 0x1000}, the one fixed element it may occur at.
 *
 * @param tag the tag, or the first tag of a repeating pattern (e.g. {@code 0x60003000} for
 *     (60xx,3000))
 * @param pattern the set of tags a repeating entry covers; {@code null} for a single tag
 * @param vrs the allowed VRs, the default first; empty for items and delimiters, which have none
 * @param vm the value multiplicity as in PS3.6, e.g. {@code 1}, {@code 1-n}, {@code 2-2n}
 * @param keyword the PS3.6 keyword (without any "retired" marker) or the private dictionary's name
 * @param retired whether PS3.6 lists the element as retired
 * @param privateCreator the private creator the entry belongs to; {@code null} for standard entries
 */
public record DictionaryEntry(int tag, TagPattern pattern, List<VR> vrs, String vm, String keyword,
                              boolean retired, String privateCreator) {

    public DictionaryEntry {
        vrs = List.copyOf(vrs);
    }

    /**
     * The VR to assume when the encoding does not carry one (implicit VR): the first allowed VR, e.g.
     * OW for Pixel Data (OB or OW) and US for US or SS; {@code null} for items and delimiters.
     */
    public VR vr() {
        return vrs.isEmpty() ? null : vrs.get(0);
    }

    /** True when the entry covers several tags (repeating groups or element ranges). */
    public boolean repeating() {
        return pattern != null;
    }
}
