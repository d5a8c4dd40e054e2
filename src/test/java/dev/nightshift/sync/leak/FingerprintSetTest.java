package dev.nightshift.sync.leak;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintSetTest {

    @Test
    void tenMillionOriginalsFitInAHundredMegabytesAndStrangersNeverMatch() {
        // given 10 million fingerprints of originals from 200 masked columns, as a sync adds them
        int n = 10_000_000;
        FingerprintSet set = new FingerprintSet(1024);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            set.add(random.nextLong(), i % 200);
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();

        // when it is sealed
        set.seal();
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();

        // then it holds 10 bytes a value (the bound the README states) and sealing freed the growth slack
        assertThat(set.size()).isEqualTo(n);
        assertThat(set.bytes()).isEqualTo(10L * n);
        assertThat(after).as("heap in use after sealing").isLessThanOrEqualTo(before + 16L * 1024 * 1024);
        // every original is found with its column, and a million other values never are
        SplittableRandom again = new SplittableRandom(7);
        BitSet sources = new BitSet();
        for (int i = 0; i < n; i += 997) {
            long key = again.nextLong();
            for (int skip = 1; skip < 997 && i + skip < n; skip++) {
                again.nextLong();
            }
            assertThat(set.sourcesOf(key, sources)).isTrue();
            assertThat(sources.get(i % 200)).isTrue();
        }
        SplittableRandom strangers = new SplittableRandom(8);
        long falseHits = 0;
        for (int i = 0; i < 1_000_000; i++) {
            falseHits += set.contains(strangers.nextLong()) ? 1 : 0;
        }
        assertThat(falseHits).isZero();
    }

    @Test
    void oneValueInSeveralColumnsNamesEveryColumnOnce() {
        // given the same original in two columns, twice in one of them
        FingerprintSet set = new FingerprintSet(4);
        set.add(42, 3);
        set.add(42, 1);
        set.add(42, 3);
        set.add(-5, 2);

        // when
        set.seal();

        // then
        BitSet sources = new BitSet();
        assertThat(set.sourcesOf(42, sources)).isTrue();
        assertThat(sources.stream().toArray()).containsExactly(1, 3);
        assertThat(set.sourcesOf(-5, sources)).isTrue();
        assertThat(sources.stream().toArray()).containsExactly(2);
        assertThat(set.sourcesOf(7, sources)).isFalse();
        assertThat(set.size()).isEqualTo(3);
    }
}
