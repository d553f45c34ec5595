package dev.cloudpacs.dicom.core.dict;

/**
 * Open-addressing hash map from int keys to values, so tag lookups on the parsing hot path neither
 * box the key nor chase bucket chains. Sized once for the number of keys it will hold; the
 * dictionaries are built once and only read afterwards.
 */
final class IntMap<V> {
    private final int[] keys;
    private final Object[] values;
    private final int mask;
    private int size;

    /** Creates a map for at most {@code capacity} keys, kept at most half full. */
    IntMap(int capacity) {
        int slots = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1;
        keys = new int[slots];
        values = new Object[slots];
        mask = slots - 1;
    }

    /** Associates {@code value} (not null) with {@code key}, replacing any previous value. */
    void put(int key, V value) {
        int i = slot(key);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            if (++size > (mask + 1) / 2) {
                throw new IllegalStateException("IntMap capacity exceeded");
            }
            keys[i] = key;
        }
        values[i] = value;
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(int key) {
        // Empty slots are marked by a null value, since 0 is a valid key: (0000,0000).
        for (int i = slot(key); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    private int slot(int key) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
