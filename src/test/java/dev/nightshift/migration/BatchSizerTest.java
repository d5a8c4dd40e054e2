package dev.nightshift.migration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BatchSizerTest {

    final BatchSizer sizer = new BatchSizer(1000, 10, 100_000, Duration.ofMillis(500));

    @Test
    void aFastBatchGrowsTheNextByHalfAtMost() {
        sizer.observe(1000, Duration.ofMillis(50));
        assertThat(sizer.size()).isEqualTo(1500);
    }

    @Test
    void aSlowBatchShrinksTheNextToWhatFitsBelowTheTarget() {
        sizer.observe(1000, Duration.ofMillis(2000));
        assertThat(sizer.size()).isEqualTo(200);
    }

    @Test
    void aShortLastBatchDoesNotInflateTheSize() {
        sizer.observe(20, Duration.ofMillis(1));
        assertThat(sizer.size()).isEqualTo(1000);
    }

    @Test
    void splittingStopsAtTheMinimum() {
        BatchSizer small = new BatchSizer(40, 10, 100, Duration.ofMillis(500));
        assertThat(small.split()).isTrue();
        assertThat(small.split()).isTrue();
        assertThat(small.size()).isEqualTo(10);
        assertThat(small.split()).isFalse();
    }

    @Test
    void theSizeStaysWithinItsBounds() {
        BatchSizer bounded = new BatchSizer(90, 10, 100, Duration.ofMillis(500));
        bounded.observe(90, Duration.ofMillis(1));
        assertThat(bounded.size()).isEqualTo(100);
        bounded.observe(100, Duration.ofSeconds(100));
        assertThat(bounded.size()).isEqualTo(10);
    }
}
