package dev.nightshift.sync;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: a sync whose target lock went with its ops connection (the ops server restarted, a proxy cut it)
 * shortly before the swap swapped anyway, because the periodic lock check had not come round yet: another sync,
 * backup or restore of the target could have been running. The swap now asks the ops server first.
 */
class SyncLockLossTest {

    private SyncFixture fixture;

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aSyncThatLostItsLockJustBeforeTheSwapSwapsNothingAndARestartCompletesIt() {
        // given a sync whose lock connection is terminated once it is verified, just before the swap
        fixture = SyncFixture.builder().users(40).build();
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);
        Failpoint.whenReached("sync.swap.before", () -> {
            long execution = PG.queryLong(fixture.nightshift.opsDatabase(),
                    "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
            assertThat(PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT count(pg_terminate_backend(pid))"
                    + " FROM pg_stat_activity WHERE application_name LIKE 'nightshift % job " + execution + "'"))
                    .as("the run's lock connection").isEqualTo(1);
        });

        // when
        CliResult sync = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        Failpoint.clearActions();

        // then it fails saying so, and staging is exactly as it was
        assertThat(sync.exitCode()).as(sync.all()).isEqualTo(1);
        assertThat(sync.all()).contains("lost the sync lock");
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(before);

        // and the verified copy is kept for a restart, which swaps it in
        long execution = PG.queryLong(fixture.nightshift.opsDatabase(),
                "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(execution));
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM users WHERE email LIKE '%@test.example.com'"))
                .isEqualTo(40);
    }
}
