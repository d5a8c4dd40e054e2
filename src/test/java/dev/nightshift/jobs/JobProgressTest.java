package dev.nightshift.jobs;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** Long jobs report progress while they run: with a short interval, the backup's dump and its restore log lines. */
class JobProgressTest {

    private static final TestPostgres PG = TestPostgres.get();

    @AfterEach
    void defaultInterval() {
        System.clearProperty("nightshift.progress-interval");
    }

    @Test
    void backupAndRestoreLogProgressWithRateAndEta() throws Exception {
        // given
        String prod = PG.createDatabase("progress_prod");
        String staging = PG.createDatabase("progress_staging");
        try (Connection c = PG.connect(prod)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 500, 3);
        }
        System.setProperty("nightshift.progress-interval", "0s");
        try (NightshiftFixture fixture = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", prod))
                .environment("dev", new Environment().database("auth", staging))
                .dropOnClose(prod).dropOnClose(staging).build()) {
            // when
            CliResult backup = fixture.cli("backup", "--env", "prod");
            CliResult restore = fixture.cli("restore", "--env", "prod", "--database", "auth", "--into", "dev");

            // then
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            assertThat(backup.out()).containsPattern("Progress - prod/auth \\(.*\\) dump: [0-9.]+ MiB of ~[0-9.]+ MiB \\(\\d+%\\), [0-9.]+ [MG]iB/s, ETA ");
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(restore.out()).containsPattern("Progress - dev/auth \\(.*\\) restore of .*: [0-9.]+ MiB of ~[0-9.]+ MiB \\(\\d+%\\)");
        }
    }
}
