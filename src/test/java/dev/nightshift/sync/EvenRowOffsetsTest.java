package dev.nightshift.sync;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EvenRowOffsetsTest {

    @Test
    void keepsEvenlySpacedRowsOfAFileOfUnknownLength() {
        // given rows 100 bytes apart
        EvenRowOffsets offsets = new EvenRowOffsets(10);

        // when 1,000 rows pass
        for (long row = 0; row < 1000; row++) {
            offsets.row(row * 100);
        }

        // then between 10 and 20 offsets, from the first row on, all the same distance apart
        List<Long> kept = offsets.offsets();
        assertThat(kept).hasSizeBetween(10, 19).startsWith(0L);
        Set<Long> gaps = new HashSet<>();
        for (int i = 1; i < kept.size(); i++) {
            gaps.add(kept.get(i) - kept.get(i - 1));
        }
        assertThat(gaps).hasSize(1);
        assertThat(kept.get(kept.size() - 1)).isGreaterThan(1000 * 100 / 2);
    }

    @Test
    void keepsEveryRowOfASmallFile() {
        EvenRowOffsets offsets = new EvenRowOffsets(10);
        for (long row = 0; row < 7; row++) {
            offsets.row(row * 3);
        }
        assertThat(offsets.offsets()).containsExactly(0L, 3L, 6L, 9L, 12L, 15L, 18L);
    }
}
