package dev.nightshift.backup;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: a restore whose target lock went with its ops connection shortly before the swap swapped anyway,
 * because the periodic lock check had not come round yet. The swap now asks the ops server first.
 */
class RestoreLockLossTest {

    final TestPostgres pg = TestPostgres.get();
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        if (nightshift != null) {
            nightshift.close();
        }
    }

    @Test
    void aRestoreThatLostItsLockJustBeforeTheSwapReplacesNothing() {
        // given a backup of prod, a staging database with rows of its own, and a restore whose lock connection
        // is terminated once the backup is loaded beside it, just before the swap
        String source = pg.createDatabase("lockloss_restore_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY); INSERT INTO item SELECT generate_series(1, 50)");
        String target = pg.createDatabase("lockloss_restore_tgt");
        pg.execute(target, "CREATE TABLE staging_only (id int); INSERT INTO staging_only SELECT generate_series(1, 7)");
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", source))
                .environment("staging", new Environment().database("app", target))
                .dropOnClose(source).dropOnClose(target)
                .build();
        CliResult backup = nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Failpoint.whenReached("restore.swap.before", () -> {
            long execution = pg.queryLong(nightshift.opsDatabase(),
                    "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
            assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(pg_terminate_backend(pid))"
                    + " FROM pg_stat_activity WHERE application_name LIKE 'nightshift % job " + execution + "'"))
                    .as("the run's lock connection").isEqualTo(1);
        });

        // when
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
        Failpoint.clearActions();

        // then it fails saying so, and the live database is the one it was
        assertThat(restore.exitCode()).as(restore.all()).isEqualTo(1);
        assertThat(restore.all()).contains("lost the");
        assertThat(pg.queryLong(target, "SELECT count(*) FROM staging_only")).isEqualTo(7);
        assertThat(pg.queryLong(target, "SELECT count(*) FROM pg_tables WHERE tablename = 'item'")).isZero();
    }
}
