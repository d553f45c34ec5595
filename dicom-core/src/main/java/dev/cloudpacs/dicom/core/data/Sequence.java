package dev.cloudpacs.dicom.core.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The items of a sequence (SQ) element, each a nested {@link DataSet}, PS3.5 section 7.5. */
public final class Sequence implements Iterable<DataSet> {
    private final DataSet parent;
    private final List<DataSet> items;
    private boolean undefinedLength = true;
    private long length = -1;

    Sequence(DataSet parent, int capacity) {
        this.parent = parent;
        this.items = new ArrayList<>(capacity);
    }

    /** The data set that holds this sequence. */
    public DataSet parent() {
        return parent;
    }

    /** Appends and returns a new empty item whose byte order and character set follow the parent. */
    public DataSet addItem() {
        DataSet item = new DataSet(parent, 8);
        items.add(item);
        return item;
    }

    /** Appends a copy-free reference to {@code item}, re-parenting it under this sequence's data set. */
    public void add(DataSet item) {
        item.setParent(parent);
        items.add(item);
    }

    public DataSet get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<DataSet> items() {
        return items;
    }

    /** True when the sequence was read (or should be written) with undefined length. */
    public boolean undefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    /** The explicit length the sequence was read with, or -1 (undefined or not read from a stream). */
    public long length() {
        return length;
    }

    public void setLength(long length) {
        this.length = length;
        this.undefinedLength = length < 0;
    }

    @Override
    public Iterator<DataSet> iterator() {
        return items.iterator();
    }
}
