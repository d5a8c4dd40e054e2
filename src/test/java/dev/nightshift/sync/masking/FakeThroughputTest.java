package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Prints how fast fake names are made; the number goes to the benchmark notes, it is not asserted. */
class FakeThroughputTest {

    private static final int VALUES = 100_000;

    @Test
    void masksOneHundredThousandNames() {
        // given
        MaskingStrategy fake = Salts.create(ColumnRule.of("fake", "provider", "name"));
        fake.mask("warm-up", Row.empty());
        Set<String> distinct = new HashSet<>();

        // when
        long start = System.nanoTime();
        for (int i = 0; i < VALUES; i++) {
            distinct.add(fake.mask("Person Number " + i, Row.empty()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // then
        System.out.printf("fake name masking: %,d values in %.2f s = %,.0f values/s (one thread, %d distinct)%n",
                VALUES, seconds, VALUES / seconds, distinct.size());
        // a broken seed would give one name for everything
        assertThat(distinct).hasSizeGreaterThan(VALUES / 10);
    }
}
