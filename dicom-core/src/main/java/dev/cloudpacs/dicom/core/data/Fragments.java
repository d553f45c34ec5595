package dev.cloudpacs.dicom.core.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 section A.4): the Basic Offset Table item followed by the fragments,
 * each either in memory ({@code byte[]}) or left in the file ({@link BulkData}). Fragments are kept
 * exactly as read; nothing is decompressed.
 */
public final class Fragments {
    private final List<Object> items = new ArrayList<>();

    /** Appends an in-memory fragment (the first one added is the Basic Offset Table). */
    public void add(byte[] fragment) {
        items.add(fragment);
    }

    /** Appends a fragment that stays in its file. */
    public void add(BulkData fragment) {
        items.add(fragment);
    }

    /** Number of items including the Basic Offset Table. */
    public int size() {
        return items.size();
    }

    /** The item at {@code index}: a {@code byte[]} or a {@link BulkData}. */
    public Object get(int index) {
        return items.get(index);
    }

    /** Length in bytes of item {@code index}. */
    public long length(int index) {
        Object o = items.get(index);
        return o instanceof byte[] b ? b.length : ((BulkData) o).length();
    }

    /** The bytes of item {@code index}, loading them from the file when needed. */
    public byte[] bytes(int index) throws IOException {
        Object o = items.get(index);
        return o instanceof byte[] b ? b : ((BulkData) o).readAll();
    }

    public List<Object> items() {
        return items;
    }
}
