package dev.nightshift.backup;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.SlowPgDump;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A backup killed (SIGKILL) or stopped (SIGTERM) mid-dump never shows up as a backup, and can be resumed. */
class BackupInterruptionTest {

    final TestPostgres pg = TestPostgres.get();
    String source;
    SlowPgDump slowPgDump;
    NightshiftFixture nightshift;

    @BeforeEach
    void databaseAndSlowPgDump() throws Exception {
        source = pg.createDatabase("interrupt_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, md5(g::text) FROM generate_series(1, 5000) g");
        slowPgDump = SlowPgDump.create(Files.createTempDirectory("nightshift-slow"));
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", source))
                .setting("postgres: {bin-dir: " + slowPgDump.binDir() + "}")
                .dropOnClose(source)
                .build();
    }

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void backupKilledMidDumpIsNeverListedAndTheNextRunCleansUpAndRestartCompletes() throws Exception {
        // given a backup killed with SIGKILL while pg_dump runs
        Process backup = nightshift.spawn("backup", "--env", "prod");
        Path partial = awaitPartialArtifact(backup);
        backup.destroyForcibly();
        backup.waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.exists(partial)).as("the kill left the partial file behind").isTrue();

        // then nothing is listed and the execution shows as dead
        CliResult listed = nightshift.cli("backups", "--env", "prod");
        assertThat(listed.out()).contains("no backups of prod");
        long killed = pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        assertThat(nightshift.cli("jobs", "list").out()).containsPattern(killed + "\\s+backup\\s+STARTED \\(dead\\)");

        // when the next run comes
        slowPgDump.fast();
        CliResult next = nightshift.cli("backup", "--env", "prod");

        // then it removed the leftover and published one backup
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.all()).contains("left behind by an interrupted backup");
        assertThat(Files.exists(partial)).isFalse();
        assertThat(artifacts()).hasSize(1);

        // and the killed execution can be recovered and restarted to completion
        CliResult restart = nightshift.cli("jobs", "restart", Long.toString(killed));
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(artifacts()).hasSize(2);
        assertThat(nightshift.cli("backups", "--env", "prod").out().lines().filter(l -> l.contains(" yes ")).count()).isEqualTo(2);
    }

    @Test
    void sigtermStopsTheBackupCleanlyAndRestartResumesIt() throws Exception {
        // given a backup in its dump step
        Process backup = nightshift.spawn("backup", "--env", "prod");
        Path partial = awaitPartialArtifact(backup);

        // when it gets SIGTERM
        backup.destroy();
        assertThat(backup.waitFor(60, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();

        // then the execution is recorded as STOPPED, and no partial file or listed backup remains
        long id = pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        assertThat(pg.queryLong(nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.batch_job_execution WHERE status = 'STOPPED' AND job_execution_id = " + id))
                .as(nightshift.spawnOutput()).isEqualTo(1);
        assertThat(Files.exists(partial)).isFalse();
        assertThat(artifacts()).isEmpty();

        // and a restart completes it
        slowPgDump.fast();
        CliResult restart = nightshift.cli("jobs", "restart", Long.toString(id));
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(artifacts()).hasSize(1);
    }

    @Test
    void jobsStopFromAnotherProcessStopsTheRunningBackup() throws Exception {
        // given a backup in its dump step, in another process
        Process backup = nightshift.spawn("backup", "--env", "prod");
        awaitPartialArtifact(backup);
        long id = pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");

        // when an operator stops it
        CliResult stop = nightshift.cli("jobs", "stop", Long.toString(id));

        // then the backup process ends with exit 1 and the execution is STOPPED, nothing published
        assertThat(stop.out()).contains("asked execution " + id + " to stop");
        assertThat(backup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(backup.exitValue()).as(nightshift.spawnOutput()).isEqualTo(1);
        assertThat(nightshift.spawnOutput()).contains("stopped").contains("nightshift jobs restart " + id);
        assertThat(pg.queryLong(nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.batch_job_execution WHERE status = 'STOPPED' AND job_execution_id = " + id)).isEqualTo(1);
        assertThat(artifacts()).isEmpty();
    }

    private Path awaitPartialArtifact(Process backup) throws Exception {
        Path folder = nightshift.backupDirectory().resolve("prod/app");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(backup.isAlive()).as("backup ended early: " + nightshift.spawnOutput()).isTrue();
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> partials = files.filter(f -> f.toString().endsWith(".partial")).toList();
                    if (!partials.isEmpty()) {
                        // the small dump takes milliseconds; give it time, then the slow pg_dump is asleep
                        Thread.sleep(2000);
                        return partials.get(0);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no partial artifact appeared: " + nightshift.spawnOutput());
    }

    private List<Path> artifacts() throws Exception {
        Path folder = nightshift.backupDirectory().resolve("prod/app");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".dump.zst")).toList();
        }
    }
}
