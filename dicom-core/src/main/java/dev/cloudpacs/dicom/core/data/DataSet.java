package dev.cloudpacs.dicom.core.data;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.charset.SpecificCharacterSet;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A DICOM data set (PS3.5 section 7): elements sorted by tag in parallel arrays, searched by binary
 * search. Values stay as the raw bytes they were read as, in this data set's byte order, and are
 * decoded only when asked for. A value is one of: {@code byte[]} (raw bytes), {@link Sequence},
 * {@link Fragments} (encapsulated pixel data) or {@link BulkData} (left in its file).
 *
 * <p>Not thread-safe for writes; concurrent reads of a fully built data set are safe.
 */
public final class DataSet {
    static final byte[] EMPTY = new byte[0];

    private int[] tags;
    private VR[] vrs;
    private Object[] values;
    private int size;
    private DataSet parent;
    private boolean bigEndian;
    private long itemLength = -1;
    private SpecificCharacterSet characterSet;

    /** Creates an empty top-level data set in little endian byte order. */
    public DataSet() {
        this(null, 16);
    }

    /** Creates an empty top-level data set with room for {@code capacity} elements. */
    public DataSet(int capacity) {
        this(null, capacity);
    }

    DataSet(DataSet parent, int capacity) {
        int cap = Math.max(capacity, 4);
        this.tags = new int[cap];
        this.vrs = new VR[cap];
        this.values = new Object[cap];
        this.parent = parent;
        this.bigEndian = parent != null && parent.bigEndian;
    }

    // ---- structure -------------------------------------------------------------------------------

    /** The data set holding the sequence this item belongs to, or null at top level. */
    public DataSet parent() {
        return parent;
    }

    void setParent(DataSet parent) {
        this.parent = parent;
        this.characterSet = null;
    }

    /** True when raw values are stored big endian (read from Explicit VR Big Endian). */
    public boolean bigEndian() {
        return bigEndian;
    }

    /**
     * Declares the byte order of the raw values added from now on. The reader sets it before adding
     * values; changing it on a populated data set does not convert existing values.
     */
    public void setBigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    /** Item length as read (-1 when undefined or not read from a stream). */
    public long itemLength() {
        return itemLength;
    }

    public void setItemLength(long itemLength) {
        this.itemLength = itemLength;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int tagAt(int index) {
        return tags[index];
    }

    public VR vrAt(int index) {
        return vrs[index];
    }

    /** Raw value at {@code index}: byte[], Sequence, Fragments or BulkData. */
    public Object valueAt(int index) {
        return values[index];
    }

    /** Index of {@code tag}, or a negative insertion point as {@link Arrays#binarySearch} returns. */
    public int indexOf(int tag) {
        // Files are read in ascending order, so the last element is the most common probe.
        if (size > 0 && tags[size - 1] == tag) {
            return size - 1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            // Tags compare as unsigned 32-bit numbers so (FFFE,xxxx) sorts last.
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** The element's VR, or null when absent. */
    public VR getVR(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? vrs[i] : null;
    }

    /** The raw value object, or null when absent. */
    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? values[i] : null;
    }

    /** Removes the element; returns true when it was present. */
    public boolean remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        int move = size - i - 1;
        System.arraycopy(tags, i + 1, tags, i, move);
        System.arraycopy(vrs, i + 1, vrs, i, move);
        System.arraycopy(values, i + 1, values, i, move);
        size--;
        values[size] = null;
        if (tag == Tag.SpecificCharacterSet) {
            characterSet = null;
        }
        return true;
    }

    /**
     * Sets the raw value of an element, replacing any existing one. {@code value} is a byte[] in this
     * data set's byte order, a {@link Sequence}, {@link Fragments} or {@link BulkData}.
     */
    public void setValue(int tag, VR vr, Object value) {
        Object v = value == null ? EMPTY : value;
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = v;
        } else {
            insert(-i - 1, tag, vr, v);
        }
        if (tag == Tag.SpecificCharacterSet) {
            characterSet = null;
        }
    }

    /**
     * Adds an element, replacing any with the same tag; appends in constant time when tags arrive in
     * ascending order, as they do from a parser.
     */
    public void add(int tag, VR vr, Object value) {
        if (size == 0 || Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            insert(size, tag, vr, value == null ? EMPTY : value);
            if (tag == Tag.SpecificCharacterSet) {
                characterSet = null;
            }
        } else {
            setValue(tag, vr, value);
        }
    }

    private void insert(int at, int tag, VR vr, Object value) {
        if (size == tags.length) {
            int cap = size + (size >> 1) + 4;
            tags = Arrays.copyOf(tags, cap);
            vrs = Arrays.copyOf(vrs, cap);
            values = Arrays.copyOf(values, cap);
        }
        int move = size - at;
        if (move > 0) {
            System.arraycopy(tags, at, tags, at + 1, move);
            System.arraycopy(vrs, at, vrs, at + 1, move);
            System.arraycopy(values, at, values, at + 1, move);
        }
        tags[at] = tag;
        vrs[at] = vr;
        values[at] = value;
        size++;
    }

    /** Creates (replacing any existing element) and returns an empty sequence. */
    public Sequence newSequence(int tag, int capacity) {
        Sequence seq = new Sequence(this, capacity);
        setValue(tag, VR.SQ, seq);
        return seq;
    }

    public Sequence getSequence(int tag) {
        return getValue(tag) instanceof Sequence s ? s : null;
    }

    /** The first item of a sequence, or null. */
    public DataSet getItem(int tag) {
        Sequence s = getSequence(tag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    public Fragments getFragments(int tag) {
        return getValue(tag) instanceof Fragments f ? f : null;
    }

    public BulkData getBulkData(int tag) {
        return getValue(tag) instanceof BulkData b ? b : null;
    }

    /** Length in bytes of a value as stored (-1 for sequences and fragments, 0 when absent). */
    public long valueLength(int index) {
        Object v = values[index];
        if (v instanceof byte[] b) {
            return b.length;
        }
        if (v instanceof BulkData bd) {
            return bd.length();
        }
        return -1;
    }

    // ---- character set ---------------------------------------------------------------------------

    /** The Specific Character Set in effect: this data set's (0008,0005), else the parent's. */
    public SpecificCharacterSet characterSet() {
        SpecificCharacterSet cs = characterSet;
        if (cs == null) {
            int i = indexOf(Tag.SpecificCharacterSet);
            if (i >= 0 && values[i] instanceof byte[] b && b.length > 0) {
                cs = SpecificCharacterSet.of(splitAscii(b));
            } else {
                cs = parent != null ? parent.characterSet() : SpecificCharacterSet.DEFAULT;
            }
            characterSet = cs;
        }
        return cs;
    }

    private static String[] splitAscii(byte[] b) {
        String[] parts = new String(b, StandardCharsets.ISO_8859_1).split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    /** The private creator string reserving the block of a private data element, or null. */
    public String privateCreatorOf(int tag) {
        int creatorTag = Tags.creatorOf(tag);
        return creatorTag < 0 ? null : getString(creatorTag);
    }

    // ---- raw bytes -------------------------------------------------------------------------------

    /** The value bytes (loading a {@link BulkData} from its file), or null when absent or a sequence. */
    public byte[] getBytes(int tag) {
        Object v = getValue(tag);
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof BulkData bd) {
            try {
                return bd.readAll();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    // ---- strings ---------------------------------------------------------------------------------

    /** The first value as a string, trimmed as its VR prescribes; null when absent or empty. */
    public String getString(int tag) {
        String[] all = getStrings(tag);
        return all == null || all.length == 0 ? null : all[0];
    }

    public String getString(int tag, String defaultValue) {
        String s = getString(tag);
        return s == null ? defaultValue : s;
    }

    /**
     * All values as strings. String VRs are decoded with the Specific Character Set when their VR uses
     * it and split at backslashes when multi-valued; numeric VRs are formatted; returns null when the
     * element is absent, an empty array when its value is empty.
     */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        return ValueCodec.toStrings(this, vrs[i], values[i]);
    }

    /** The whole value decoded as one string (backslashes kept), or null when absent. */
    public String getRawString(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] b)) {
            return null;
        }
        return ValueCodec.decodeText(this, vrs[i], b);
    }

    /** Sets a string value (several values are joined by backslash), encoded with the current charset. */
    public void setString(int tag, VR vr, String... values) {
        setValue(tag, vr, ValueCodec.encodeStrings(this, vr, values));
    }

    // ---- numbers ---------------------------------------------------------------------------------

    public int getInt(int tag, int defaultValue) {
        int[] v = getInts(tag);
        return v == null || v.length == 0 ? defaultValue : v[0];
    }

    /** Integer values of binary integer VRs, IS and DS strings (truncated), or null when absent. */
    public int[] getInts(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        return ValueCodec.toInts(this, vrs[i], values[i]);
    }

    public long getLong(int tag, long defaultValue) {
        long[] v = getLongs(tag);
        return v == null || v.length == 0 ? defaultValue : v[0];
    }

    public long[] getLongs(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        return ValueCodec.toLongs(this, vrs[i], values[i]);
    }

    public double getDouble(int tag, double defaultValue) {
        double[] v = getDoubles(tag);
        return v == null || v.length == 0 ? defaultValue : v[0];
    }

    /** Floating point values of FL, FD, OF, OD, DS, IS and integer VRs, or null when absent. */
    public double[] getDoubles(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        return ValueCodec.toDoubles(this, vrs[i], values[i]);
    }

    /** Sets integer values of an integer VR (US, SS, UL, SL, SV, UV, AT) or a string VR (IS, DS). */
    public void setInt(int tag, VR vr, int... v) {
        long[] l = new long[v.length];
        for (int k = 0; k < v.length; k++) {
            l[k] = v[k];
        }
        setLong(tag, vr, l);
    }

    public void setLong(int tag, VR vr, long... v) {
        setValue(tag, vr, ValueCodec.encodeLongs(this, vr, v));
    }

    public void setDouble(int tag, VR vr, double... v) {
        setValue(tag, vr, ValueCodec.encodeDoubles(this, vr, v));
    }

    /** Sets binary bytes (OB, OW, UN, ...) given in this data set's byte order. */
    public void setBytes(int tag, VR vr, byte[] value) {
        setValue(tag, vr, value);
    }

    // ---- whole data set --------------------------------------------------------------------------

    /** Copies every element of {@code other} into this data set (sequences are deep-copied). */
    public void addAll(DataSet other) {
        for (int k = 0; k < other.size; k++) {
            setValue(other.tags[k], other.vrs[k], copyValue(other.values[k], other.bigEndian, other.vrs[k]));
        }
    }

    private Object copyValue(Object v, boolean fromBigEndian, VR vr) {
        if (v instanceof Sequence s) {
            Sequence copy = new Sequence(this, s.size());
            copy.setUndefinedLength(s.undefinedLength());
            for (DataSet item : s) {
                DataSet ci = copy.addItem();
                ci.bigEndian = bigEndian;
                ci.addAll(item);
            }
            return copy;
        }
        if (v instanceof byte[] b && fromBigEndian != bigEndian && vr.needsByteSwap()) {
            byte[] c = b.clone();
            ByteOrders.swap(c, 0, c.length, vr.unitSize());
            return c;
        }
        return v;
    }

    /** A new data set holding only the elements of groups in [{@code fromGroup}, {@code toGroup}]. */
    public DataSet subset(int fromGroup, int toGroup) {
        DataSet out = new DataSet(null, 16);
        out.bigEndian = bigEndian;
        for (int k = 0; k < size; k++) {
            int g = Tags.group(tags[k]);
            if (g >= fromGroup && g <= toGroup) {
                out.setValue(tags[k], vrs[k], values[k]);
            }
        }
        return out;
    }

    /** Short human-readable summary, one element per line; for debugging. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < size && k < 50; k++) {
            sb.append(Tags.toString(tags[k])).append(' ').append(vrs[k]).append(' ');
            String kw = ElementDictionary.keywordOf(tags[k]);
            sb.append(kw == null ? "?" : kw).append(' ');
            Object v = values[k];
            if (v instanceof byte[] b) {
                String[] s = ValueCodec.toStrings(this, vrs[k], b);
                sb.append(s == null ? "" : String.join("\\", s));
            } else {
                sb.append(v.getClass().getSimpleName());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Structural equality: same tags, VRs and decoded values, recursively. */
    public boolean contentEquals(DataSet other) {
        return DataSetComparator.firstDifference(this, other) == null;
    }
}
