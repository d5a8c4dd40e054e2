package dev.nightshift.sync;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.sync.load.LoadProgress;
import dev.nightshift.sync.snapshot.SpooledTable;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load commits its chunks asynchronously (synchronous_commit = off): a crash of the target server can
 * lose the last ones after the job repository checkpointed them. A restart must copy those rows again,
 * not fail and not skip them.
 */
class SyncLostCommitTest {

    static SyncFixture fixture;

    @BeforeAll
    static void environments() {
        // one thread and no parts: one file per table, loaded one after the other
        fixture = SyncFixture.builder().users(1500).sync("chunk-rows: 200").sync("chunk-pause: 150ms")
                .sync("threads: 1").build();
    }

    @AfterAll
    static void cleanUp() {
        fixture.close();
    }

    @Test
    void chunksTheTargetLostAfterTheirCheckpointAreCopiedAgainOnRestart() throws Exception {
        // given a sync from a backup (loaded by the data step, which checkpoints its chunks in the job repository)
        // killed in the middle of a table
        CliResult backup = fixture.nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Process sync = fixture.nightshift.spawn("sync", "--from", "prod", "--to", "staging", "--source", "backup");
        LoadInProgress loading = LoadInProgress.await(sync, fixture, 600);
        sync.destroyForcibly();
        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killed = PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");

        // and the target server lost the committed chunks of that table (as a crash loses asynchronous commits):
        // the checkpoint in the job repository is now ahead of what the incoming database holds
        SpooledTable table = loading.part();
        String file = table.file();
        String name = Identifiers.quote(table.schema(), table.name());
        assertThat(PG.queryLong(fixture.incoming(), "SELECT count(*) FROM " + name)).as("rows of " + name).isPositive();
        PG.execute(fixture.incoming(), "TRUNCATE " + name + "; DELETE FROM " + LoadProgress.SCHEMA
                + ".load_progress WHERE file = '" + file + "'");

        // when the sync is restarted
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(killed));

        // then it copies that table's rows again and completes
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(restart.all()).contains("copying again from row 0");
        Map<String, String> resumed = DatabaseSnapshot.contentFingerprints(fixture.staging);

        // with exactly an uninterrupted sync's rows
        CliResult uninterrupted = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "backup");
        assertThat(uninterrupted.exitCode()).as(uninterrupted.all()).isZero();
        assertThat(resumed).isEqualTo(DatabaseSnapshot.contentFingerprints(fixture.staging));
    }
}
