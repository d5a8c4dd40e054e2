package dev.nightshift.sync.leak;

import java.util.Arrays;

/**
 * Fingerprints of original values, each with the masked column it came from: two parallel arrays (a
 * 64-bit fingerprint and a 16-bit column number, 10 bytes per distinct pair), sorted by fingerprint once
 * all are in. A lookup is a binary search; a value that is no original matches by chance with probability
 * at most n / 2^64 (5.4e-13 at 10 million originals), so looking up every value written is safe from false
 * alarms. While filling, the arrays grow by half when full (so up to 1.5 times that, and twice that for
 * the moment of a copy); sealing trims them. Not thread-safe while filling; read-only (and thread-safe)
 * once {@link #seal sealed}.
 */
public final class FingerprintSet {

    /** Column numbers are 16 bits wide. */
    public static final int MAX_SOURCES = 1 << 16;

    private long[] keys;
    private char[] sources;
    private int size;
    private boolean sealed;

    public FingerprintSet(int expected) {
        keys = new long[Math.max(16, expected)];
        sources = new char[keys.length];
    }

    public void add(long fingerprint, int source) {
        if (sealed) {
            throw new IllegalStateException("the set is sealed");
        }
        if (source < 0 || source >= MAX_SOURCES) {
            throw new IllegalArgumentException("column number " + source + " out of range");
        }
        if (size == keys.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, keys.length + (keys.length >> 1) + 16L);
            keys = Arrays.copyOf(keys, grown);
            sources = Arrays.copyOf(sources, grown);
        }
        keys[size] = fingerprint;
        sources[size++] = (char) source;
    }

    /** Appends every pair of {@code other} (a worker's share). */
    public void addAll(FingerprintSet other) {
        for (int i = 0; i < other.size; i++) {
            add(other.keys[i], other.sources[i]);
        }
    }

    /** Sorts, drops repeated pairs and trims the arrays to size; no more additions after this. */
    public FingerprintSet seal() {
        if (!sealed) {
            sort(0, size - 1);
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (kept == 0 || keys[i] != keys[kept - 1] || sources[i] != sources[kept - 1]) {
                    keys[kept] = keys[i];
                    sources[kept++] = sources[i];
                }
            }
            size = kept;
            keys = Arrays.copyOf(keys, size);
            sources = Arrays.copyOf(sources, size);
            sealed = true;
        }
        return this;
    }

    /** Empties an unsealed set, keeping its arrays (a collector's batch). */
    public void clear() {
        if (sealed) {
            throw new IllegalStateException("the set is sealed");
        }
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The memory the arrays hold. */
    public long bytes() {
        return keys.length * 8L + sources.length * 2L;
    }

    /**
     * The columns whose originals have this fingerprint, as a bit of {@code out} each (cleared first);
     * false when none.
     */
    public boolean sourcesOf(long fingerprint, java.util.BitSet out) {
        out.clear();
        int at = Arrays.binarySearch(keys, 0, size, fingerprint);
        if (at < 0) {
            return false;
        }
        while (at > 0 && keys[at - 1] == fingerprint) {
            at--;
        }
        for (; at < size && keys[at] == fingerprint; at++) {
            out.set(sources[at]);
        }
        return true;
    }

    public boolean contains(long fingerprint) {
        return Arrays.binarySearch(keys, 0, size, fingerprint) >= 0;
    }

    // an in-place sort of the pairs: a sort through an index array would need twice the memory
    private void sort(int low, int high) {
        while (high - low > 16) {
            int middle = (low + high) >>> 1;
            long pivot = median(keys[low], keys[middle], keys[high]);
            int i = low;
            int j = high;
            while (i <= j) {
                while (less(i, pivot)) {
                    i++;
                }
                while (greater(j, pivot)) {
                    j--;
                }
                if (i <= j) {
                    swap(i++, j--);
                }
            }
            if (j - low < high - i) {
                sort(low, j);
                low = i;
            } else {
                sort(i, high);
                high = j;
            }
        }
        for (int i = low + 1; i <= high; i++) {
            for (int j = i; j > low && (keys[j - 1] > keys[j] || keys[j - 1] == keys[j] && sources[j - 1] > sources[j]); j--) {
                swap(j, j - 1);
            }
        }
    }

    private boolean less(int i, long pivot) {
        return keys[i] < pivot;
    }

    private boolean greater(int j, long pivot) {
        return keys[j] > pivot;
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private void swap(int i, int j) {
        long k = keys[i];
        keys[i] = keys[j];
        keys[j] = k;
        char s = sources[i];
        sources[i] = sources[j];
        sources[j] = s;
    }
}
