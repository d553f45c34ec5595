package dev.cloudpacs.common.query;

import dev.cloudpacs.dicom.core.dict.ElementDictionary;

/** Names of attributes in messages: "Patient ID (0010,0020)" reads better than a bare tag. */
final class Keys {
    private Keys() {
    }

    static String name(int tag) {
        String kw = ElementDictionary.keywordOf(tag);
        String t = String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
        return kw == null ? t : kw + " " + t;
    }
}
