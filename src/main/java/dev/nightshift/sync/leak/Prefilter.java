package dev.nightshift.sync.leak;

/**
 * A one-hash bitmap over a cheap hash of the originals, so that most written values (almost none of which
 * are originals) are ruled out without computing their HMAC. Sized at 16 bits per expected original
 * (between 8 KiB and 16 MiB): at full load about 6% of strangers pass on to the exact lookup.
 */
final class Prefilter {

    private static final int MIN_BITS = 1 << 16;
    private static final int MAX_BITS = 1 << 27;

    private final long[] words;
    private final int mask;

    Prefilter(long expected) {
        long wanted = Math.max(MIN_BITS, Math.min(MAX_BITS, expected * 16));
        int bits = Integer.highestOneBit((int) Math.min(MAX_BITS, wanted * 2 - 1));
        this.words = new long[Math.max(1, bits >>> 6)];
        this.mask = bits - 1;
    }

    /** A well-mixed cheap hash of a normalized value. */
    static int hash(String normalized) {
        int h = normalized.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    void set(int hash) {
        int bit = hash & mask;
        words[bit >>> 6] |= 1L << bit;
    }

    boolean mightContain(int hash) {
        int bit = hash & mask;
        return (words[bit >>> 6] & (1L << bit)) != 0;
    }

    long bytes() {
        return words.length * 8L;
    }
}
