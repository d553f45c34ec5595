package dev.cloudpacs.dicom.core.dict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of standard DICOM UIDs (PS3.6 Annex A): transfer syntaxes, SOP classes, well-known
 * instances and the rest. Generated from DCMTK's dcuid.h by {@code src/build/DictionaryGenerator.java};
 * loaded on first use, once, thread-safely.
 */
public final class UidRegistry {
    /** Every Storage SOP class of the standard is allocated under this arc (PS3.4 Annex B). */
    private static final String STORAGE_ARC = "1.2.840.10008.5.1.4.1.1.";

    private UidRegistry() {
    }

    /** Lazy holder: loaded when first touched, published safely by class initialization. */
    private static final class Table {
        static final List<UidEntry> ENTRIES;
        static final Map<String, UidEntry> BY_UID;

        static {
            List<UidEntry> entries = new ArrayList<>();
            for (String[] f : Tsv.read("uids.tsv", 4)) {
                entries.add(new UidEntry(f[0], f[1], f[3], UidEntry.Type.valueOf(f[2])));
            }
            Map<String, UidEntry> byUid = new HashMap<>(entries.size() * 2);
            entries.forEach(e -> byUid.put(e.uid(), e));
            ENTRIES = List.copyOf(entries);
            BY_UID = byUid;
        }
    }

    /** The registry entry for {@code uid}, or {@code null} when it is not a known standard UID. */
    public static UidEntry lookup(String uid) {
        return uid == null ? null : Table.BY_UID.get(uid);
    }

    /** The keyword of {@code uid}, e.g. "CTImageStorage", or {@code null} when unknown. */
    public static String keywordOf(String uid) {
        UidEntry e = lookup(uid);
        return e == null ? null : e.keyword();
    }

    /** The readable name of {@code uid}, or the UID itself when unknown, so it can always be shown. */
    public static String nameOf(String uid) {
        UidEntry e = lookup(uid);
        return e == null ? uid : e.name();
    }

    /** True when {@code uid} is a known transfer syntax. */
    public static boolean isTransferSyntax(String uid) {
        UidEntry e = lookup(uid);
        return e != null && e.type() == UidEntry.Type.TRANSFER_SYNTAX;
    }

    /**
     * True when {@code uid} is a Storage SOP class. A known UID must be a SOP class whose keyword
     * names it a storage class ("...Storage", "...StorageForPresentation/ForProcessing"); the storage
     * arc alone would wrongly include the Protocol Approval query/retrieve models allocated under it,
     * and miss storage classes outside it (Hanging Protocol, Color Palette, DICOMDIR, ...). An unknown
     * UID under the storage arc counts too, as a storage class newer than this registry.
     */
    public static boolean isStorageSopClass(String uid) {
        UidEntry e = lookup(uid);
        if (e == null) {
            return uid != null && uid.startsWith(STORAGE_ARC);
        }
        String k = e.keyword();
        return e.type() == UidEntry.Type.SOP_CLASS
                && (k.endsWith("Storage") || k.endsWith("StorageForPresentation") || k.endsWith("StorageForProcessing"));
    }

    /** All registered UIDs, in the generator's (dcuid.h) order. */
    public static List<UidEntry> entries() {
        return Table.ENTRIES;
    }
}
