package dev.nightshift.sync.leak;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Knows every original value of every masked column, as keyed fingerprints in this process's memory (never
 * the values, never anywhere else), and tells whether a value about to be written holds one of them. Built
 * in two phases: {@link Builder} takes the originals (from as many threads as there are {@link Collector}s),
 * then {@link #searcher()} looks written values up.
 *
 * <p>Only {@link Distinctive} values are fingerprinted and looked up, whole and, inside any text, the
 * email addresses it contains. The caller decides which written values are searched (kept columns,
 * template outputs, the kept parts of json documents) and which hits count.
 */
public final class LeakVerifier {

    /** A masked column whose originals are fingerprinted. */
    public record Source(String table, String column) {
        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    private final Fingerprinter fingerprinter;
    private final List<Source> sources;
    private final FingerprintSet originals;
    private final Prefilter prefilter;

    private LeakVerifier(Fingerprinter fingerprinter, List<Source> sources, FingerprintSet originals, Prefilter prefilter) {
        this.fingerprinter = fingerprinter;
        this.sources = List.copyOf(sources);
        this.originals = originals;
        this.prefilter = prefilter;
    }

    /** @param expected about how many original values there will be (sizes the {@link Prefilter}) */
    public static Builder builder(byte[] salt, long expected) {
        return new Builder(new Fingerprinter(salt), new Prefilter(expected));
    }

    public Source source(int number) {
        return sources.get(number);
    }

    /** Distinct (fingerprint, column) pairs held. */
    public int size() {
        return originals.size();
    }

    /** Memory held: the fingerprints and the prefilter. */
    public long bytes() {
        return originals.bytes() + prefilter.bytes();
    }

    public Searcher searcher() {
        return new Searcher();
    }

    /** Receives the columns whose originals a written value holds. */
    @FunctionalInterface
    public interface Hits {
        /** @param insideText the hit is an email address found inside a longer text */
        void hit(int source, boolean insideText);
    }

    /** Looks written values up; one per thread. */
    public final class Searcher {
        private final BitSet found = new BitSet();
        private long lookups;

        /** Searches every part of {@code value} and reports each hit. */
        public void search(String value, ValueParts parts, Hits hits) {
            keys(value, parts, (normalized, insideText) -> lookup(normalized, insideText, hits));
        }

        private void lookup(String normalized, boolean insideText, Hits hits) {
            lookups++;
            if (prefilter.mightContain(Prefilter.hash(normalized))
                    && originals.sourcesOf(fingerprinter.of(normalized), found)) {
                for (int s = found.nextSetBit(0); s >= 0; s = found.nextSetBit(s + 1)) {
                    hits.hit(s, insideText);
                }
            }
        }

        /** Values looked up so far. */
        public long lookups() {
            return lookups;
        }
    }

    /**
     * The keys of a value, originals and written values alike: each distinctive part whole, and every email
     * address inside a part (unless it is the whole part).
     */
    private static void keys(String value, ValueParts parts, java.util.function.BiConsumer<String, Boolean> key) {
        parts.forEach(value, part -> {
            String normalized = Fingerprinter.normalize(part);
            if (Distinctive.test(normalized)) {
                key.accept(normalized, false);
            }
            if (part.indexOf('@') >= 0 && !Emails.isAddress(normalized)) {
                Emails.forEach(part, email -> {
                    if (!email.equals(normalized)) {
                        key.accept(email, true);
                    }
                });
            }
        });
    }

    /** Collects the originals. */
    public static final class Builder {
        private final Fingerprinter fingerprinter;
        private final List<Source> sources = new ArrayList<>();
        private final FingerprintSet all = new FingerprintSet(1024);
        private final Prefilter prefilter;

        private Builder(Fingerprinter fingerprinter, Prefilter prefilter) {
            this.fingerprinter = fingerprinter;
            this.prefilter = prefilter;
        }

        /** Registers a masked column; returns its number. */
        public synchronized int source(String table, String column) {
            Source source = new Source(table, column);
            int at = sources.indexOf(source);
            if (at >= 0) {
                return at;
            }
            if (sources.size() == FingerprintSet.MAX_SOURCES) {
                throw new IllegalStateException("more than " + FingerprintSet.MAX_SOURCES + " masked columns");
            }
            sources.add(source);
            return sources.size() - 1;
        }

        /** A collector for one thread; {@link Collector#close} hands its fingerprints over. */
        public Collector collector() {
            return new Collector(this);
        }

        private synchronized void merge(FingerprintSet share, int[] cheap) {
            all.addAll(share);
            for (int i = 0; i < share.size(); i++) {
                prefilter.set(cheap[i]);
            }
        }

        public LeakVerifier build() {
            synchronized (this) {
                return new LeakVerifier(fingerprinter, sources, all.seal(), prefilter);
            }
        }
    }

    /**
     * Takes originals on one thread, handing them over in batches (so the shared set is locked rarely). A
     * small cache of recent values spares the HMAC of a value that repeats (a status, a default text).
     */
    public static final class Collector implements AutoCloseable {
        private static final int BATCH = 1 << 14;
        private static final int CACHE = 1 << 10;
        private final Builder builder;
        private final FingerprintSet batch = new FingerprintSet(BATCH);
        private final int[] cheap = new int[BATCH];
        private final String[] cachedValues = new String[CACHE];
        private final long[] cachedFingerprints = new long[CACHE];

        private Collector(Builder builder) {
            this.builder = builder;
        }

        /** Fingerprints the distinctive parts of one original value of column {@code source}. */
        public void add(int source, String value, ValueParts parts) {
            keys(value, parts, (normalized, insideText) -> put(normalized, source));
        }

        private void put(String normalized, int source) {
            int hash = Prefilter.hash(normalized);
            int slot = hash & (CACHE - 1);
            long fingerprint;
            if (normalized.equals(cachedValues[slot])) {
                fingerprint = cachedFingerprints[slot];
            } else {
                fingerprint = builder.fingerprinter.of(normalized);
                cachedValues[slot] = normalized;
                cachedFingerprints[slot] = fingerprint;
            }
            cheap[batch.size()] = hash;
            batch.add(fingerprint, source);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        private void flush() {
            builder.merge(batch, cheap);
            batch.clear();
        }

        @Override
        public void close() {
            flush();
            java.util.Arrays.fill(cachedValues, null);
        }
    }
}
