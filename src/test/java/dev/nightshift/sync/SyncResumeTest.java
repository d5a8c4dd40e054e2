package dev.nightshift.sync;

import dev.nightshift.sync.load.LoadProgress;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/** A sync killed (SIGKILL) in the middle of a table, restarted, ends with exactly an uninterrupted run's rows. */
class SyncResumeTest {

    static SyncFixture fixture;

    @BeforeAll
    static void environments() {
        // small chunks with a pause after each: the audit log takes long enough to be killed in the middle of;
        // a small part size splits the bigger tables in two parts loaded by two threads at once
        fixture = SyncFixture.builder().users(1500).sync("chunk-rows: 200").sync("chunk-pause: 150ms")
                .sync("part-size: 64KB").build();
    }

    @AfterAll
    static void cleanUp() {
        fixture.close();
    }

    @Test
    void aSyncKilledMidTableAndRestartedEqualsAnUninterruptedOne() throws Exception {
        // given a sync killed with SIGKILL after some chunks of a table were committed, before all were
        Process sync = fixture.nightshift.spawn("sync", "--from", "prod", "--to", "staging", "--source", "live");
        long written = LoadInProgress.await(sync, fixture, 600).committedRows();
        sync.destroyForcibly();
        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(written).isPositive();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM staging_marker")).as("staging untouched").isEqualTo(1);
        assertThat(fixture.exists(fixture.incoming())).as("the copy in progress survives the kill").isTrue();
        long killed = PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");

        // when it is restarted
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(killed));

        // then it resumes instead of starting over, and completes
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(restart.all()).contains("resuming after row");
        Map<String, String> resumed = DatabaseSnapshot.contentFingerprints(fixture.staging);

        // and an uninterrupted sync of the same data gives exactly the same rows: none lost, none twice
        CliResult uninterrupted = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        assertThat(uninterrupted.exitCode()).as(uninterrupted.all()).isZero();
        assertThat(resumed).isEqualTo(DatabaseSnapshot.contentFingerprints(fixture.staging));
        assertThat(resumed.keySet()).contains("public.audit_log", "public.users");
    }

    @Test
    void aPipelinedSyncKilledBeforeItsExtractionEndedStartsOverAndEqualsAnUninterruptedOne() throws Exception {
        // given a sync whose extraction stops after its first parts (the threads that wrote them wait there)
        // while the pipelined load has already put rows of them into __incoming, killed then
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);
        Process sync = fixture.nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", "sync.extract.part-written:hang"),
                "sync", "--from", "prod", "--to", "staging", "--source", "live");
        awaitRowsLoaded(sync);
        sync.destroyForcibly();
        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).as("staging untouched").isEqualTo(before);
        try (var manifests = java.nio.file.Files.walk(fixture.workDirectory())) {
            assertThat(manifests.filter(p -> p.getFileName().toString().equals(SpoolManifest.FILE)))
                    .as("the extraction was not complete").isEmpty();
        }
        long killed = PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");

        // when it is restarted
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(killed));

        // then it starts over from a new source snapshot and a new incoming copy, and completes
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(restart.all()).contains("starting over from a new source snapshot and a new incoming copy");
        Map<String, String> restarted = DatabaseSnapshot.contentFingerprints(fixture.staging);

        // with exactly an uninterrupted sync's rows: none of the first attempt's loaded rows twice
        CliResult uninterrupted = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        assertThat(uninterrupted.exitCode()).as(uninterrupted.all()).isZero();
        assertThat(restarted).isEqualTo(DatabaseSnapshot.contentFingerprints(fixture.staging));
    }

    private static void awaitRowsLoaded(Process sync) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(sync.isAlive()).as("sync ended early: " + fixture.nightshift.spawnOutput()).isTrue();
            if (fixture.exists(fixture.incoming())) {
                try {
                    if (PG.queryLong(fixture.incoming(), "SELECT coalesce(sum(rows), 0) FROM "
                            + LoadProgress.SCHEMA + ".load_progress") > 0) {
                        return;
                    }
                } catch (Exception e) {
                    // the progress table is not there yet
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no rows were loaded: " + fixture.nightshift.spawnOutput());
    }
}
