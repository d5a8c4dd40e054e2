package dev.nightshift.sync;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The load says how far it is, in rows against the spooled (source snapshot's) counts, with rate and ETA. */
class SyncProgressTest {

    @AfterEach
    void defaultInterval() {
        System.clearProperty("nightshift.progress-interval");
    }

    @Test
    void theLoadLogsRowsAgainstTheSnapshotsCounts() {
        // given
        System.setProperty("nightshift.progress-interval", "0s");
        try (SyncFixture fixture = SyncFixture.builder().users(80).sync("chunk-rows: 100").build()) {
            // when
            CliResult sync = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");

            // then
            assertThat(sync.exitCode()).as(sync.all()).isZero();
            assertThat(sync.out()).containsPattern("Progress - staging/auth \\(.*__incoming.*\\) load: [0-9,]+ rows of ~[0-9,]+ rows"
                    + " \\(\\d+%\\), [0-9,]+ rows/s, ETA ");
        }
    }
}
