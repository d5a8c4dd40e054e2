package dev.nightshift.jobs;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.SlowPgDump;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CronJob pod killed mid-run (OOM, node loss) is retried by Kubernetes with the same run key (the Job's
 * name); the scheduler instance that takes over a dead instance's run passes the same fire time. Either way
 * the new process must resume that run, not refuse it as "already running" because the dead process left
 * it STARTED.
 */
class RetriedRunResumesTest {

    final TestPostgres pg = TestPostgres.get();
    SlowPgDump slowPgDump;
    NightshiftFixture nightshift;

    @BeforeEach
    void slowBackup() throws Exception {
        SlowBackupFixture fixture = SlowBackupFixture.create("retry_app");
        slowPgDump = fixture.slowPgDump;
        nightshift = fixture.nightshift;
    }

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void theSameRunKeyAfterASigkillResumesTheDeadRun() throws Exception {
        // given a scheduled backup killed with SIGKILL in the middle of its dump
        String runKey = "nightshift-prod-backup-29412345";
        Process pod = nightshift.spawn("backup", "--env", "prod", "--run-key", runKey);
        awaitPartialArtifact(pod);
        pod.destroyForcibly();
        pod.waitFor(30, TimeUnit.SECONDS);

        // when the retried pod runs the same command line
        slowPgDump.fast();
        CliResult retry = nightshift.cli("backup", "--env", "prod", "--run-key", runKey);

        // then it recovered the dead execution and completed the same job instance
        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_instance")).isEqualTo(1);
        assertThat(pg.queryLong(nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.batch_job_execution WHERE status = 'FAILED'")).as("the recovered one").isEqualTo(1);
        assertThat(pg.queryLong(nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.batch_job_execution WHERE status = 'COMPLETED'")).isEqualTo(1);
    }

    @Test
    void aRunThatIsReallyStillRunningIsRefused() throws Exception {
        // given a backup that is alive and dumping
        Process pod = nightshift.spawn("backup", "--env", "prod", "--run-key", "k");
        awaitPartialArtifact(pod);

        // when a second process starts the same run
        CliResult second = nightshift.cli("backup", "--env", "prod", "--run-key", "k");

        // then it is refused and the first one goes on
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
        assertThat(second.err()).contains("already running");
        assertThat(pod.isAlive()).isTrue();
        pod.destroyForcibly();
        pod.waitFor(30, TimeUnit.SECONDS);
    }

    private void awaitPartialArtifact(Process pod) throws Exception {
        nightshift.awaitPartialArtifact(pod, "prod", "app");
        Thread.sleep(2000);
    }
}
