package dev.cloudpacs.dicom.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * First reading pass: checks the structure of the DICOM JSON Model and keeps the values as parsed,
 * without converting them. Conversion waits for the whole object because the Specific Character Set
 * used to encode text can only be chosen once every text value is known, and because "vr" may follow
 * "Value" in an attribute object.
 */
final class JsonModelParser {

    /** One attribute: its VR and at most one of values, inline binary and bulk data URI. */
    static final class Attr {
        final int tag;
        final String path;
        VR vr;
        /** Strings, {@link Num}, {@link Pn}, {@link Item}, {@link #EMPTY_OBJECT} or null; null when absent. */
        List<Object> values;
        String inlineBinary;
        String bulkDataUri;

        Attr(int tag, String path) {
            this.tag = tag;
            this.path = path;
        }
    }

    /** A data set or sequence item as parsed. */
    static final class Item {
        final String path;
        final List<Attr> attrs = new ArrayList<>();

        Item(String path) {
            this.path = path;
        }

        Attr find(int tag) {
            for (Attr a : attrs) {
                if (a.tag == tag) {
                    return a;
                }
            }
            return null;
        }
    }

    /** A JSON number, kept as its text so no digits are lost before the VR decides its form. */
    record Num(String text) {
    }

    /** A PN value's component groups (null when absent). */
    record Pn(String alphabetic, String ideographic, String phonetic) {
        /** The PS3.5 form: groups joined by '=', trailing empty groups dropped. */
        String toDicom() {
            String a = alphabetic == null ? "" : alphabetic;
            if (phonetic != null && !phonetic.isEmpty()) {
                return a + "=" + (ideographic == null ? "" : ideographic) + "=" + phonetic;
            }
            return ideographic != null && !ideographic.isEmpty() ? a + "=" + ideographic : a;
        }
    }

    /** An empty JSON object in a Value array: an empty item for SQ, an empty name for PN. */
    static final Object EMPTY_OBJECT = new Object() {
        @Override
        public String toString() {
            return "{}";
        }
    };

    private final JsonParser p;
    /** Path of the attribute being parsed, for syntax errors Jackson reports mid-way. */
    private String current = "";

    JsonModelParser(JsonParser parser) {
        this.p = parser;
    }

    /**
     * Parses one top-level object or an array of them, starting at the parser's current token if it
     * has one. {@code wholeDocument} also requires that nothing follows.
     */
    List<Item> parseDocument(boolean wholeDocument) throws IOException {
        try {
            JsonToken t = p.currentToken() != null ? p.currentToken() : p.nextToken();
            List<Item> out = new ArrayList<>();
            if (t == JsonToken.START_OBJECT) {
                out.add(parseItem(p.nextToken(), ""));
            } else if (t == JsonToken.START_ARRAY) {
                int k = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    String path = "[" + k++ + "]";
                    if (t != JsonToken.START_OBJECT) {
                        throw error(path, "expected a data set object, got " + describe(t));
                    }
                    out.add(parseItem(p.nextToken(), path));
                }
            } else {
                throw error("", t == null ? "no JSON content" : "expected an object or an array, got " + describe(t));
            }
            current = "";
            if (wholeDocument && p.nextToken() != null) {
                throw error("", "unexpected content after the end of the document");
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new DicomJsonException(current, "invalid JSON: " + e.getOriginalMessage() + location(), e);
        }
    }

    /** Parses an object's members; {@code t} is the token after its START_OBJECT. */
    private Item parseItem(JsonToken t, String path) throws IOException {
        Item item = new Item(path);
        Set<Integer> seen = new HashSet<>();
        String prefix = path.isEmpty() ? "" : path + ".";
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            int tag = parseTagKey(name);
            String attrPath = prefix + (tag == -1 ? name : Tags.toHex(tag));
            current = attrPath;
            if (tag == -1) {
                throw error(attrPath, "attribute name must be 8 hexadecimal digits");
            }
            if (!seen.add(tag)) {
                throw error(attrPath, "duplicate attribute");
            }
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(attrPath, "expected an attribute object, got " + describe(p.currentToken()));
            }
            item.attrs.add(parseAttr(new Attr(tag, attrPath)));
            current = path;
        }
        return item;
    }

    private Attr parseAttr(Attr a) throws IOException {
        JsonToken t;
        int parts = 0;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "vr" -> {
                    String s = expectString(a, name, v);
                    VR vr = VR.of(s);
                    if (vr == null || a.vr != null) {
                        throw error(a.path, a.vr != null ? "duplicate \"vr\"" : "unknown VR \"" + s + "\"");
                    }
                    a.vr = vr;
                }
                case "Value" -> {
                    if (v != JsonToken.START_ARRAY) {
                        throw error(a.path, "\"Value\" must be an array, got " + describe(v));
                    }
                    a.values = parseValues(a.path);
                    parts++;
                }
                case "InlineBinary" -> {
                    a.inlineBinary = expectString(a, name, v);
                    parts++;
                }
                case "BulkDataURI" -> {
                    a.bulkDataUri = expectString(a, name, v);
                    parts++;
                }
                default -> throw error(a.path, "unexpected member \"" + name + "\"");
            }
        }
        if (parts > 1) {
            throw error(a.path, "more than one of \"Value\", \"InlineBinary\" and \"BulkDataURI\"");
        }
        if (a.vr == null) {
            // "vr" is required; tolerate its absence only where the dictionary knows the one VR.
            if (ElementDictionary.lookup(a.tag) == null || ElementDictionary.vrOf(a.tag) == VR.UN) {
                throw error(a.path, "missing \"vr\"");
            }
            a.vr = ElementDictionary.vrOf(a.tag);
        }
        return a;
    }

    private List<Object> parseValues(String path) throws IOException {
        List<Object> values = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String vp = path + "[" + values.size() + "]";
            switch (t) {
                case VALUE_STRING -> values.add(p.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> values.add(new Num(p.getText()));
                case VALUE_NULL -> values.add(null);
                case START_OBJECT -> {
                    JsonToken first = p.nextToken();
                    if (first == JsonToken.END_OBJECT) {
                        values.add(EMPTY_OBJECT);
                    } else if (isPnGroup(p.currentName())) {
                        values.add(parsePn(first, vp));
                    } else {
                        values.add(parseItem(first, vp));
                        current = path;
                    }
                }
                default -> throw error(vp, describe(t) + " is not allowed in \"Value\"");
            }
        }
        return values;
    }

    private static boolean isPnGroup(String name) {
        return "Alphabetic".equals(name) || "Ideographic".equals(name) || "Phonetic".equals(name);
    }

    private Pn parsePn(JsonToken t, String path) throws IOException {
        String[] groups = new String[3];
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            int k = switch (name) {
                case "Alphabetic" -> 0;
                case "Ideographic" -> 1;
                case "Phonetic" -> 2;
                default -> throw error(path, "unknown person name component group \"" + name + "\"");
            };
            JsonToken v = p.nextToken();
            if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                throw error(path, "\"" + name + "\" must be a string, got " + describe(v));
            }
            groups[k] = v == JsonToken.VALUE_NULL ? null : p.getText();
        }
        return new Pn(groups[0], groups[1], groups[2]);
    }

    private String expectString(Attr a, String name, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw error(a.path, "\"" + name + "\" must be a string, got " + describe(v));
        }
        return p.getText();
    }

    /** The tag of an attribute key: exactly 8 hex digits (either case), else -1. */
    static int parseTagKey(String name) {
        if (name.length() != 8) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 8; i++) {
            int d = Character.digit(name.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private DicomJsonException error(String path, String problem) {
        return new DicomJsonException(path, problem + location());
    }

    private String location() {
        var loc = p.currentTokenLocation();
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }
}
