package dev.nightshift.faults;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.SlowPgDump;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Backups whose network, disk or ops database fails mid-run: nothing half-done is listed, the next run recovers. */
class BackupFaultsTest {

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy sourceProxy = FaultProxy.toTestServer();
    String source;
    NightshiftFixture nightshift;

    @BeforeEach
    void source() {
        source = pg.createDatabase("fault_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 8000) g");
    }

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        sourceProxy.close();
        if (nightshift != null) {
            nightshift.close();
        }
    }

    @Test
    @Covers(FaultCase.BACKUP_SOURCE_CUT_MID_DUMP)
    void sourceCutMidDumpListsNothingAndTheNextBackupCompletes() {
        // given a backup whose source connection is cut 256 kB into pg_dump's stream
        nightshift = fixture(NightshiftFixture.builder());
        Failpoint.whenReached("backup.dump.before-pg-dump", () -> sourceProxy.cutAfterServerBytes(256 * 1024));

        // when
        CliResult cut = nightshift.cli("backup", "--env", "prod");
        Failpoint.clearActions();

        // then
        FaultAssertions.failedWithOneLine(cut, FaultCase.BACKUP_SOURCE_CUT_MID_DUMP);
        assertThat(sourceProxy.cutConnections()).as("the fault happened").isPositive();
        FaultAssertions.noBackupListed(nightshift, "prod");
        FaultAssertions.nextBackupCompletes(nightshift, "prod", 8000);
    }

    @Test
    @Covers(FaultCase.BACKUP_SOURCE_RESTART_MID_DUMP)
    void sourceRestartMidDumpListsNothingAndTheNextBackupCompletes() {
        // given a source on a server of its own, restarted (fast) 256 kB into pg_dump's stream
        OwnCluster own = OwnCluster.shared();
        try (FaultProxy proxy = FaultProxy.to(own.cluster().host(), own.cluster().port())) {
            String database = own.createDatabase("fault_src", 8000);
            nightshift = NightshiftFixture.builder()
                    .environment("prod", new Environment().database("app", database).host(proxy.host()).port(proxy.port())
                            .password(own.cluster().password()))
                    .build();
            int restartsBefore = own.restarts();
            Failpoint.whenReached("backup.dump.before-pg-dump", () -> proxy.afterServerBytes(256 * 1024, own::restart));

            // when
            CliResult cut = nightshift.cli("backup", "--env", "prod");
            Failpoint.clearActions();

            // then
            FaultAssertions.failedWithOneLine(cut, FaultCase.BACKUP_SOURCE_RESTART_MID_DUMP);
            assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
            FaultAssertions.noBackupListed(nightshift, "prod");
            FaultAssertions.nextBackupCompletes(nightshift, "prod", 8000);
        }
    }

    @Test
    @Covers(FaultCase.BACKUP_SOURCE_STALL_MID_DUMP)
    void sourceStalledMidDumpEndsWithinTheStallTimeoutAndTheNextBackupCompletes() {
        // given a backup whose source stops answering 256 kB into pg_dump's stream while its TCP stack still
        // does (nothing closed: keepalives are answered), which only the stream's standstill shows
        nightshift = fixture(NightshiftFixture.builder().setting("connections: {stall-timeout: 2s, connect-timeout: 2s}"));
        Failpoint.whenReached("backup.dump.before-pg-dump",
                () -> sourceProxy.afterServerBytes(256 * 1024, sourceProxy::stall));

        // when
        long started = System.nanoTime();
        CliResult stalled = nightshift.cli("backup", "--env", "prod");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Failpoint.clearActions();

        // then it ends within a bound of the limit, not at the CronJob's deadline, and lists nothing
        assertThat(took).as("ended within the configured limits").isLessThan(Duration.ofSeconds(40));
        FaultAssertions.failedWithOneLine(stalled, FaultCase.BACKUP_SOURCE_STALL_MID_DUMP);
        sourceProxy.cut();
        sourceProxy.resume();
        FaultAssertions.noBackupListed(nightshift, "prod");
        FaultAssertions.nextBackupCompletes(nightshift, "prod", 8000);
    }

    @Test
    @Covers(FaultCase.BACKUP_DIRECTORY_FULL)
    void fullBackupDirectoryListsNothingAndTheNextBackupCompletesOnceThereIsRoom() {
        // given a backup directory on a 96 kB filesystem, smaller than the dump
        // (the preflight's free-space check would refuse this run; it stands for a disk that others fill meanwhile)
        nightshift = fixture(NightshiftFixture.builder().backupSetting("free-space-ratio: 0.001"));
        try (SmallFilesystem disk = SmallFilesystem.mount(nightshift.backupDirectory(), "96k")) {
            // when
            CliResult full = nightshift.cli("backup", "--env", "prod");

            // then
            FaultAssertions.failedWithOneLine(full, FaultCase.BACKUP_DIRECTORY_FULL);
            FaultAssertions.noBackupListed(nightshift, "prod");
            assertThat(FaultAssertions.files(nightshift.backupDirectory())).as("the partial file is removed").isEmpty();

            // and once there is room, the next run completes
            disk.resize("8m");
            FaultAssertions.nextBackupCompletes(nightshift, "prod", 8000);
        }
    }

    @Test
    @Covers(FaultCase.BACKUP_OPS_CUT_MID_RUN)
    void opsDatabaseCutMidDumpFailsTheRunAndTheNextBackupCompletes() throws Exception {
        // given a backup in its dump step, in a process of its own that checks its locks every second
        SlowPgDump slowPgDump = SlowPgDump.create(Files.createTempDirectory("nightshift-slow"));
        try (FaultProxy opsProxy = FaultProxy.toTestServer()) {
            nightshift = fixture(NightshiftFixture.builder().opsThrough(opsProxy.host(), opsProxy.port())
                    .setting("postgres: {bin-dir: " + slowPgDump.binDir() + "}"));
            Process backup = nightshift.spawn(Map.of("NIGHTSHIFT_LOCK_CHECK_INTERVAL", "1"), "backup", "--env", "prod");
            nightshift.awaitPartialArtifact(backup, "prod", "app");

            // when every ops connection is reset (new ones get through: the pool reconnects)
            opsProxy.cut();

            // then the run notices that its liveness lock went with its connection, and fails, listing nothing
            assertThat(backup.waitFor(60, TimeUnit.SECONDS)).as("ends, not hangs").isTrue();
            CliResult cut = new CliResult(backup.exitValue(), nightshift.spawnOutput(), "");
            assertThat(opsProxy.cutConnections()).as("the fault happened").isPositive();
            FaultAssertions.failedWithOneLine(cut, FaultCase.BACKUP_OPS_CUT_MID_RUN);
            FaultAssertions.noBackupListed(nightshift, "prod");
            slowPgDump.fast();
            FaultAssertions.nextBackupCompletes(nightshift, "prod", 8000);
        }
    }

    @Test
    @Covers(FaultCase.BACKUP_OPS_RESTART_MID_RUN)
    void opsServerRestartMidDumpFailsTheRunAndTheNextBackupCompletes() throws Exception {
        // given the ops database on a server of its own, restarted (fast) as the dump starts
        OwnCluster own = OwnCluster.shared();
        nightshift = fixture(NightshiftFixture.builder());
        String ops = own.holdOpsOf(nightshift);
        ToLongFunction<String> opsQuery = own.counts(ops);
        int restartsBefore = own.restarts();
        Failpoint.whenReached("backup.dump.before-pg-dump", own::restart);

        // when
        CliResult restarted = nightshift.cli("backup", "--env", "prod");
        Failpoint.clearActions();

        // then the run names the ops database, lists nothing, and the next backup completes
        FaultAssertions.failedWithOneLine(restarted, FaultCase.BACKUP_OPS_RESTART_MID_RUN);
        assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
        assertThat(opsQuery.applyAsLong("SELECT count(*) FROM nightshift.backup")).isZero();
        FaultAssertions.recoveryCompletes(nightshift, opsQuery, 8000, "backup", "--env", "prod");
        own.execute("postgres", "DROP DATABASE " + ops + " WITH (FORCE)");
    }

    @Test
    @Covers(FaultCase.BACKUP_OPS_STALL_MID_RUN)
    void stalledOpsDatabaseEndsTheRunWithinTheSocketTimeout() {
        // given a backup whose ops database stops answering (nothing closed) once pg_dump starts
        try (FaultProxy opsProxy = FaultProxy.toTestServer()) {
            nightshift = fixture(NightshiftFixture.builder().opsThrough(opsProxy.host(), opsProxy.port())
                    .setting("connections: {socket-timeout: 2s, connect-timeout: 1s}"));
            Failpoint.whenReached("backup.dump.before-pg-dump", opsProxy::stall);

            // when
            long started = System.nanoTime();
            CliResult stalled = nightshift.cli("backup", "--env", "prod");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Failpoint.clearActions();

            // then it ends within a bound of the configured limits, not at the CronJob's deadline
            assertThat(took).as("ended within the configured limits").isLessThan(Duration.ofSeconds(40));
            FaultAssertions.failedWithOneLine(stalled, FaultCase.BACKUP_OPS_STALL_MID_RUN);

            // and once the stalled path is gone for good (the server then ends those sessions and their locks),
            // the run that could not record its end shows as dead, and restarting it completes it
            opsProxy.cut();
            opsProxy.resume();
            FaultAssertions.noBackupListed(nightshift, "prod");
            assertThat(nightshift.cli("jobs", "list").out()).containsPattern("1\\s+backup\\s+STARTED \\(dead\\)");
            FaultAssertions.recoveryCompletes(nightshift, 8000, "jobs", "restart", "1");
        }
    }

    private NightshiftFixture fixture(NightshiftFixture.Builder builder) {
        return builder.environment("prod", new Environment().database("app", source)
                        .host(sourceProxy.host()).port(sourceProxy.port()))
                .dropOnClose(source)
                .build();
    }
}
