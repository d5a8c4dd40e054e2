package dev.nightshift.sync.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the load imbalance of the staging-sync benchmark: with one part per thread for every big table,
 * a 200 MB table was loaded by one thread alone for the last 3.5 s while the other had nothing to do.
 */
class PartCountTest {

    @Test
    void aBigTableIsSplitIntoPartsOfAtMostThePartSize() {
        // given 128 MB parts (16,384 pages) and two threads
        // when tables of 881 MB, 330 MB and 200 MB are split
        // then about 126, 110 and 100 MB parts
        assertThat(TableParts.partCount(112_768, 16_384, 2)).isEqualTo(7);
        assertThat(TableParts.partCount(42_240, 16_384, 2)).isEqualTo(3);
        assertThat(TableParts.partCount(25_600, 16_384, 2)).isEqualTo(2);
    }

    @Test
    void smallTablesAndASingleThreadTakeOnePart() {
        assertThat(TableParts.partCount(16_384, 16_384, 2)).isEqualTo(1);
        assertThat(TableParts.partCount(1_000_000, 16_384, 1)).isEqualTo(1);
    }

    @Test
    void aTinyPartSizeGivesAtMostFourPartsPerThread() {
        assertThat(TableParts.partCount(1_000_000, 1, 2)).isEqualTo(8);
        assertThat(TableParts.partCount(1_000_000, 1, 3)).isEqualTo(12);
    }

    @Test
    void thePartsCoverEveryBlockOnce() {
        // the ranges of consecutive parts meet: part p ends where part p + 1 starts
        int parts = TableParts.partCount(112_768, 16_384, 2);
        assertThat(TableParts.blockRange(112_768, 0, parts)).isEqualTo("ctid < '(16109,0)'::tid");
        for (int p = 1; p < parts - 1; p++) {
            String range = TableParts.blockRange(112_768, p, parts);
            String previous = TableParts.blockRange(112_768, p - 1, parts);
            String previousEnd = previous.substring(previous.lastIndexOf("ctid < '(") + 9, previous.lastIndexOf(",0)"));
            assertThat(range).startsWith("ctid >= '(" + previousEnd + ",0)'::tid AND ctid < ");
        }
        assertThat(TableParts.blockRange(112_768, parts - 1, parts)).isEqualTo("ctid >= '(96658,0)'::tid");
    }
}
