package dev.nightshift.jobs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Progress.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void logsALineWithDoneTotalRateAndEtaOncePerInterval() {
        // given: no terminal in a test run, so progress goes to the log
        try (Progress progress = Progress.count("prod/auth users", 1_000, "rows", Duration.ZERO)) {
            // when
            progress.add(250);
            progress.add(250);
        }

        // then
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).startsWith("prod/auth users: 500 rows of ~1,000 rows (50%), ")
                .containsPattern("[0-9,]+ rows/s, ETA [0-9]+ s$");
    }

    @Test
    void staysQuietWithinTheInterval() {
        // given
        try (Progress progress = Progress.bytes("prod/auth dump", 10L << 20, Duration.ofHours(1))) {
            // when
            progress.add(1 << 20);
            progress.advanceTo(5L << 20);

            // then
            assertThat(progress.done()).isEqualTo(5L << 20);
        }
        assertThat(lines()).isEmpty();
    }

    @Test
    void theTotalGrowsWhenTheWorkPassesTheEstimate() {
        // given: an estimate (pg_database_size) lower than what the dump streams
        try (Progress progress = Progress.bytes("prod/auth dump", 1L << 20, Duration.ZERO)) {
            // when
            progress.advanceTo(3L << 20);
        }

        // then
        assertThat(lines()).singleElement().asString().startsWith("prod/auth dump: 3.0 MiB of ~3.0 MiB (100%)").endsWith("ETA -");
    }

    @Test
    void durationsReadLikeAPerson() {
        assertThat(Progress.formatDuration(42)).isEqualTo("42 s");
        assertThat(Progress.formatDuration(125)).isEqualTo("2m05s");
        assertThat(Progress.formatDuration(7_380)).isEqualTo("2h03m");
    }

    private List<String> lines() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
