/*
 * DictionaryGenerator: builds dicom-core's data element dictionary, private tag dictionary and UID
 * registry from the machine-readable tables DCMTK ships.
 *
 * Inputs (Debian/Ubuntu: apt-get install libdcmtk17 libdcmtk-dev):
 *   /usr/share/libdcmtk17/dicom.dic     package libdcmtk17: DCMTK's transcription of the PS3.6 data
 *                                       element registry (plus PS3.7 command elements, DICONDE, DICOS)
 *   /usr/share/libdcmtk17/private.dic   package libdcmtk17: private tags keyed by private creator,
 *                                       collected by DCMTK from vendor conformance statements
 *   /usr/include/dcmtk/dcmdata/dcuid.h  package libdcmtk-dev: #define UID_* constants, DCMTK's
 *                                       transcription of the PS3.6 Annex A UID registry
 *
 * Regenerate (from the repository root or from dicom-core, with any JDK 17+):
 *   java dicom-core/src/build/DictionaryGenerator.java [dicom.dic] [private.dic] [dcuid.h]
 *
 * Outputs, deterministic for given inputs, to be committed:
 *   src/main/resources/dev/cloudpacs/dicom/core/dict/elements.tsv, private.tsv, uids.tsv
 *   src/main/java/dev/cloudpacs/dicom/core/Tag.java, UID.java
 *
 * Only the table facts are carried over (tags, VRs, VMs, keywords, UIDs); DCMTK's internal pseudo
 * VRs are replaced by the real VRs they stand for (see mapVr).
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class DictionaryGenerator {

    static final String PACKAGE_DIR = "dev/cloudpacs/dicom/core";

    static final Set<String> REAL_VRS = Set.of(
            "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF",
            "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
            "UR", "US", "UT", "UV");

    /** One part (group or element) of a tag: a single value or a range with a parity rule. */
    record Range(int low, int high, char parity) {
        static final Pattern SYNTAX = Pattern.compile(
                "([0-9A-Fa-f]{4})(?:-([ouOU])-([0-9A-Fa-f]{4})|-([0-9A-Fa-f]{4}))?");

        /**
         * Parses DCMTK's forms: "gggg", "gggg-hhhh" (even values only), "gggg-o-hhhh" (odd only) and
         * "gggg-u-hhhh" (all values).
         */
        static Range parse(String s) {
            Matcher m = SYNTAX.matcher(s.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("bad tag part: " + s);
            }
            int low = Integer.parseInt(m.group(1), 16);
            if (m.group(2) != null) {
                return new Range(low, Integer.parseInt(m.group(3), 16), Character.toLowerCase(m.group(2).charAt(0)));
            }
            if (m.group(4) != null) {
                return new Range(low, Integer.parseInt(m.group(4), 16), 'e');
            }
            return new Range(low, low, 'u');
        }

        /** Our notation: "GGGG" or "LLLL-p-HHHH" with p = e (even), o (odd) or u (unrestricted). */
        String format() {
            return low == high ? hex4(low) : hex4(low) + "-" + parity + "-" + hex4(high);
        }
    }

    record Element(Range group, Range element, List<String> vrs, String vm, String keyword,
                   boolean retired, boolean standard) {
        int baseTag() {
            return (group.low() << 16) | element.low();
        }

        String tag() {
            return group.format() + "," + element.format();
        }
    }

    record PrivateElement(String creator, Range group, String element, List<String> vrs, String vm,
                          String keyword) {
    }

    enum UidType {
        TRANSFER_SYNTAX, SOP_CLASS, META_SOP_CLASS, WELL_KNOWN_SOP_INSTANCE, SERVICE_CLASS,
        APPLICATION_CONTEXT_NAME, APPLICATION_HOSTING_MODEL, CODING_SCHEME, MAPPING_RESOURCE,
        LDAP_OID, SYNCHRONIZATION_FRAME_OF_REFERENCE, WELL_KNOWN_FRAME_OF_REFERENCE
    }

    record Uid(String keyword, String uid, UidType type, String name) {
    }

    public static void main(String[] args) throws IOException {
        Path dicomDic = Path.of(args.length > 0 ? args[0] : "/usr/share/libdcmtk17/dicom.dic");
        Path privateDic = Path.of(args.length > 1 ? args[1] : "/usr/share/libdcmtk17/private.dic");
        Path dcuid = Path.of(args.length > 2 ? args[2] : "/usr/include/dcmtk/dcmdata/dcuid.h");
        Path module = Files.isDirectory(Path.of("dicom-core/src/main")) ? Path.of("dicom-core") : Path.of(".");
        if (!Files.isDirectory(module.resolve("src/main/java/" + PACKAGE_DIR))) {
            throw new IllegalStateException("run from the repository root or the dicom-core directory");
        }
        Path resources = module.resolve("src/main/resources/" + PACKAGE_DIR + "/dict");
        Path java = module.resolve("src/main/java/" + PACKAGE_DIR);
        Files.createDirectories(resources);

        List<String> dicLines = Files.readAllLines(dicomDic, StandardCharsets.ISO_8859_1);
        String source = "DCMTK dicom.dic (" + edition(dicLines) + ")";
        List<Element> elements = parseElements(dicLines);
        List<PrivateElement> privates = parsePrivate(Files.readAllLines(privateDic, StandardCharsets.ISO_8859_1));
        List<Uid> uids = parseUids(Files.readAllLines(dcuid, StandardCharsets.ISO_8859_1));

        write(resources.resolve("elements.tsv"), elementsTsv(elements, source));
        write(resources.resolve("private.tsv"), privateTsv(privates));
        write(resources.resolve("uids.tsv"), uidsTsv(uids));
        write(java.resolve("Tag.java"), tagJava(elements, source));
        write(java.resolve("UID.java"), uidJava(uids));
        System.out.printf("%d elements, %d private elements, %d UIDs%n", elements.size(), privates.size(), uids.size());
    }

    /** The PS3.6 edition named in dicom.dic's header, e.g. "PS3.6 2022b". */
    static String edition(List<String> lines) {
        Pattern p = Pattern.compile("PS ?3\\.6-(\\d{4}[a-e]?)");
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (line.startsWith("#") && m.find()) {
                return "PS3.6 " + m.group(1);
            }
        }
        return "PS3.6";
    }

    // ---------------------------------------------------------------- dicom.dic

    static List<Element> parseElements(List<String> lines) {
        // Keyed by tag pattern: the format lets a later line override an earlier one.
        Map<String, Element> byTag = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 5) {
                throw new IllegalArgumentException("expected 5 fields: " + line);
            }
            String tag = f[0].trim();
            String[] parts = tag.substring(1, tag.length() - 1).split(",");
            String keyword = f[2].trim();
            // PS3.6 keywords have no RETIRED_ prefix; DCMTK adds it to retired elements.
            Element e = new Element(Range.parse(parts[0]), Range.parse(parts[1]), mapVr(f[1].trim()),
                    f[3].trim(), keyword.replaceFirst("^RETIRED_", ""), keyword.startsWith("RETIRED_"),
                    f[4].trim().startsWith("DICOM"));
            byTag.put(e.tag(), e);
        }
        List<Element> sorted = new ArrayList<>(byTag.values());
        sorted.sort(Comparator.comparingInt((Element e) -> e.group().low())
                .thenComparingInt(e -> e.element().low())
                .thenComparingInt(e -> e.group().high())
                .thenComparingInt(e -> e.element().high()));
        return sorted;
    }

    /**
     * Maps a VR field to real VRs, the first being the one to assume when the encoding does not say
     * (implicit VR). Besides "XX or YY" alternatives, DCMTK uses internal pseudo VRs:
     * ox and px (OB or OW; pixel, overlay, curve, audio and waveform data) map to OW then OB because
     * implicit VR Little Endian encodes them as OW (PS3.5 A.1); xs (US or SS) maps to US then SS;
     * lt (lookup table data: US, SS or OW) maps to US, SS, OW; up (unsigned 32-bit offset, written as
     * UL) maps to UL; na (items and delimiters, which have no VR, PS3.5 7.5) maps to no VR at all.
     */
    static List<String> mapVr(String field) {
        Set<String> vrs = new LinkedHashSet<>();
        for (String alt : field.split("\\s+or\\s+|\\|")) {
            switch (alt) {
                case "ox", "px" -> vrs.addAll(List.of("OW", "OB"));
                case "xs" -> vrs.addAll(List.of("US", "SS"));
                case "lt" -> vrs.addAll(List.of("US", "SS", "OW"));
                case "up" -> vrs.add("UL");
                case "na" -> { }
                default -> {
                    if (!REAL_VRS.contains(alt)) {
                        throw new IllegalArgumentException("unknown VR: " + field);
                    }
                    vrs.add(alt);
                }
            }
        }
        return List.copyOf(vrs);
    }

    static String elementsTsv(List<Element> elements, String source) {
        StringBuilder sb = new StringBuilder()
                .append("# DICOM data elements from ").append(source).append(". Generated by DictionaryGenerator; do not edit.\n")
                .append("# tag: GGGG,EEEE; either part may be a range LLLL-p-HHHH, p = e (even values), o (odd), u (all)\n")
                .append("# vr: allowed VRs separated by |, the first is the default; - for none (items, delimiters)\n")
                .append("# retired: R when retired, - otherwise\n")
                .append("# tag\tvr\tvm\tkeyword\tretired\n");
        for (Element e : elements) {
            sb.append(e.tag()).append('\t').append(vrField(e.vrs())).append('\t').append(e.vm()).append('\t')
                    .append(e.keyword()).append('\t').append(e.retired() ? "R" : "-").append('\n');
        }
        return sb.toString();
    }

    static String vrField(List<String> vrs) {
        return vrs.isEmpty() ? "-" : String.join("|", vrs);
    }

    // ---------------------------------------------------------------- private.dic

    static final Pattern PRIVATE_TAG = Pattern.compile("\\(([^,]+),\"(.*)\",([0-9A-Fa-f]{2}|[0-9A-Fa-f]{4})\\)");

    static List<PrivateElement> parsePrivate(List<String> lines) {
        Map<String, PrivateElement> byKey = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            Matcher m = PRIVATE_TAG.matcher(f[0].trim());
            // The version column is informational and missing on some lines; VM is required.
            if (f.length < 4 || !m.matches()) {
                throw new IllegalArgumentException("bad private.dic line: " + line);
            }
            Range group = Range.parse(m.group(1));
            // Two hex digits: offset within whatever block the creator reserved; four: a fixed element.
            String element = m.group(3).toUpperCase(Locale.ROOT);
            PrivateElement p = new PrivateElement(m.group(2), group, element, mapVr(f[1].trim()), f[3].trim(),
                    f[2].trim());
            byKey.put(p.creator() + "\t" + group.format() + "\t" + element, p);
        }
        List<PrivateElement> sorted = new ArrayList<>(byKey.values());
        sorted.sort(Comparator.comparing(PrivateElement::creator)
                .thenComparingInt(p -> p.group().low())
                .thenComparing(PrivateElement::element));
        return sorted;
    }

    static String privateTsv(List<PrivateElement> privates) {
        StringBuilder sb = new StringBuilder()
                .append("# Private data elements from DCMTK private.dic. Generated by DictionaryGenerator; do not edit.\n")
                .append("# group: GGGG or an odd range LLLL-o-HHHH; element: XX = low byte within the creator's block,\n")
                .append("# XXXX = fixed element number; vr as in elements.tsv\n")
                .append("# creator\tgroup\telement\tvr\tvm\tkeyword\n");
        for (PrivateElement p : privates) {
            sb.append(p.creator()).append('\t').append(p.group().format()).append('\t').append(p.element()).append('\t')
                    .append(vrField(p.vrs())).append('\t').append(p.vm()).append('\t').append(p.keyword()).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- dcuid.h

    static final Pattern UID_DEFINE = Pattern.compile("#define\\s+UID_(\\w+)\\s+(.*?)\\s*(?://.*|/\\*.*)?");
    static final Pattern STANDARD_UID = Pattern.compile("\"(1\\.2\\.840\\.10008(?:\\.\\d+)+)\"");

    static List<Uid> parseUids(List<String> lines) {
        List<Uid> uids = new ArrayList<>();
        boolean sopClassSection = false;
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("** Defined SOP Class UIDs") || t.startsWith("/* DRAFT SUPPLEMENTS")) {
                sopClassSection = true;
            } else if (t.startsWith("** ")) {
                sopClassSection = false;
            }
            Matcher m = UID_DEFINE.matcher(t);
            if (!m.matches()) {
                continue;
            }
            // Skips macro-built site UIDs, private (non-DICOM) roots and prefixes that are not UIDs.
            Matcher value = STANDARD_UID.matcher(m.group(2));
            if (!value.matches()) {
                continue;
            }
            String keyword = m.group(1);
            uids.add(new Uid(keyword, value.group(1), uidType(keyword, sopClassSection), uidName(keyword)));
        }
        return uids;
    }

    /** Infers the PS3.6 Annex A UID type from dcuid.h's naming conventions and section. */
    static UidType uidType(String keyword, boolean sopClassSection) {
        String k = keyword.replaceFirst("^(RETIRED|DRAFT)_", "");
        if (k.endsWith("TransferSyntax")) {
            return UidType.TRANSFER_SYNTAX;
        } else if (k.endsWith("MetaSOPClass")) {
            return UidType.META_SOP_CLASS;
        } else if (k.endsWith("SOPInstance")) {
            return UidType.WELL_KNOWN_SOP_INSTANCE;
        } else if (k.endsWith("ServiceClass")) {
            return UidType.SERVICE_CLASS;
        } else if (k.endsWith("ApplicationContext")) {
            return UidType.APPLICATION_CONTEXT_NAME;
        } else if (k.endsWith("CodingScheme")) {
            return UidType.CODING_SCHEME;
        } else if (k.endsWith("MappingResource")) {
            return UidType.MAPPING_RESOURCE;
        } else if (k.startsWith("LDAP_")) {
            return UidType.LDAP_OID;
        } else if (k.endsWith("SynchronizationFrameOfReference")) {
            return UidType.SYNCHRONIZATION_FRAME_OF_REFERENCE;
        } else if (k.endsWith("FrameOfReference")) {
            return UidType.WELL_KNOWN_FRAME_OF_REFERENCE;
        } else if (k.endsWith("Model") && !k.endsWith("InformationModel")) {
            return UidType.APPLICATION_HOSTING_MODEL;
        } else if (sopClassSection) {
            return UidType.SOP_CLASS;
        }
        throw new IllegalArgumentException("cannot infer the UID type of " + keyword);
    }

    /**
     * A readable name from the dcuid.h name: camel case split into words, acronyms kept together,
     * RETIRED_/DRAFT_ turned into a suffix. LDAP OIDs keep their attribute name, as PS3.6 does.
     */
    static String uidName(String keyword) {
        if (keyword.startsWith("LDAP_")) {
            return keyword.substring(5);
        }
        String suffix = "";
        String k = keyword;
        if (k.startsWith("RETIRED_")) {
            suffix = " (Retired)";
            k = k.substring(8);
        } else if (k.startsWith("DRAFT_")) {
            suffix = " (Draft)";
            k = k.substring(6);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            char prev = i > 0 ? k.charAt(i - 1) : ' ';
            char next = i + 1 < k.length() ? k.charAt(i + 1) : ' ';
            if (c == '_') {
                // Between digits it joins numbers such as "ST 2110-20" or "Level 4-1".
                sb.append(Character.isDigit(prev) && Character.isDigit(next) ? '-' : ' ');
                continue;
            }
            boolean wordStart = Character.isUpperCase(c) && (Character.isLowerCase(prev)
                    || Character.isLetterOrDigit(prev) && Character.isLowerCase(next));
            if (wordStart || Character.isDigit(c) && Character.isLowerCase(prev)) {
                sb.append(' ');
            }
            sb.append(c);
        }
        return sb.toString().trim() + suffix;
    }

    static String uidsTsv(List<Uid> uids) {
        StringBuilder sb = new StringBuilder()
                .append("# DICOM UIDs from DCMTK dcuid.h (PS3.6 Annex A). Generated by DictionaryGenerator; do not edit.\n")
                .append("# uid\tkeyword\ttype\tname\n");
        for (Uid u : uids) {
            sb.append(u.uid()).append('\t').append(u.keyword()).append('\t').append(u.type()).append('\t')
                    .append(u.name()).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- Java constants

    static String tagJava(List<Element> elements, String source) {
        StringBuilder sb = new StringBuilder()
                .append("// Generated by DictionaryGenerator from ").append(source).append("; do not edit.\n")
                .append("package dev.cloudpacs.dicom.core;\n\n")
                .append("/**\n")
                .append(" * Tag constants named by the PS3.6 keywords of the standard data elements, retired ones included.\n")
                .append(" * Repeating-group elements (50xx, 60xx, 7Fxx, ...) use their first group or element.\n")
                .append(" */\n")
                .append("public final class Tag {\n")
                .append("    private Tag() {\n    }\n\n");
        for (Element e : elements) {
            if (!e.standard()) {
                continue;
            }
            sb.append("    /** (").append(e.tag()).append(") ").append(vrField(e.vrs())).append(" VM ").append(e.vm())
                    .append(e.retired() ? ", retired" : "").append(" */\n")
                    .append("    public static final int ").append(e.keyword()).append(" = 0x")
                    .append(hex4(e.baseTag() >>> 16)).append(hex4(e.baseTag() & 0xFFFF)).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    static String uidJava(List<Uid> uids) {
        StringBuilder sb = new StringBuilder()
                .append("// Generated by DictionaryGenerator from DCMTK dcuid.h (PS3.6 Annex A); do not edit.\n")
                .append("package dev.cloudpacs.dicom.core;\n\n")
                .append("/** Standard DICOM UIDs, named as in DCMTK's dcuid.h without the UID_ prefix. */\n")
                .append("public final class UID {\n")
                .append("    private UID() {\n    }\n\n");
        for (Uid u : uids) {
            sb.append("    /** ").append(u.name()).append(" */\n")
                    .append("    public static final String ").append(u.keyword()).append(" = \"").append(u.uid())
                    .append("\";\n");
        }
        return sb.append("}\n").toString();
    }

    static String hex4(int v) {
        return String.format("%04X", v);
    }

    static void write(Path path, String content) throws IOException {
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }
}
