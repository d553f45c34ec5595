package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.dict.ElementDictionary;

/** Names of attributes in messages: "Patient ID (0010,0020)" reads better than a bare tag. */
public final class Keys {
    private Keys() {
    }

    /** "Keyword (gggg,eeee)", or the bare tag for an attribute the dictionary does not know. */
    public static String name(int tag) {
        String kw = ElementDictionary.keywordOf(tag);
        String t = String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
        return kw == null ? t : kw + " " + t;
    }
}
