package dev.nightshift.faults;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masked sync's halves under a cut connection: an export whose source goes away leaves no snapshot that
 * looks complete; an import whose target goes away leaves the target as it was; the next run completes.
 */
class SyncFaultsTest {

    private static final String STAGING_MARKER = "CREATE TABLE staging_marker (note text); INSERT INTO staging_marker VALUES ('old staging')";
    private static final String BALLAST = "ballast";
    private static final String[] SYNC = {"sync", "--from", "prod", "--to", "staging", "--source", "live"};

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy proxy = FaultProxy.toTestServer();
    NightshiftFixture nightshift;
    String prod;
    String staging;

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        proxy.close();
        if (nightshift != null) {
            nightshift.close();
        }
    }

    @Test
    @Covers(FaultCase.SYNC_EXPORT_SOURCE_CUT_MID_TABLE)
    void sourceCutMidExportLeavesNoSealedSnapshotAndTheNextExportSealsOne() throws Exception {
        // given production reached through the proxy, cut once the first rows were masked
        environments(true, false);
        Failpoint.whenReached("sync.extract.after-first-block", proxy::cut);

        // when
        CliResult cut = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
        Failpoint.clearActions();

        // then it failed saying so, and nothing that looks like a snapshot is left
        FaultAssertions.failedWithOneLine(cut, FaultCase.SYNC_EXPORT_SOURCE_CUT_MID_TABLE);
        assertThat(proxy.cutConnections()).as("the fault happened").isPositive();
        assertNoSnapshotLeftAndTheNextExportSealsOne();
    }

    @Test
    @Covers(FaultCase.SYNC_EXPORT_SOURCE_STALL_MID_TABLE)
    void sourceStalledMidExportEndsWithinTheStallTimeoutAndTheNextExportSealsOne() throws Exception {
        // given production reached through the proxy, which stops forwarding (nothing closed) once the first
        // rows were masked: keepalives are answered, only the COPYs' standstill shows it
        environments(true, false, Stalls.TWO_SECONDS);
        once("sync.extract.after-first-block", proxy::stall);
        Stalls.endTheHangOnceTheWatchGaveUp(proxy);

        // when
        CliResult stalled = Stalls.runsWithinTheLimits(nightshift, "sync", "export", "--env", "prod", "--source", "live");

        // then it ended within a bound of the limit, and nothing that looks like a snapshot is left
        FaultAssertions.failedWithOneLine(stalled, FaultCase.SYNC_EXPORT_SOURCE_STALL_MID_TABLE);
        assertNoSnapshotLeftAndTheNextExportSealsOne();
    }

    @Test
    @Covers(FaultCase.SYNC_TARGET_STALL_MID_LOAD)
    void targetStalledMidSyncEndsWithinTheStallTimeoutAndTheNextSyncSwapsIn() throws Exception {
        // given staging reached through the proxy, which stops forwarding (nothing closed) after the first
        // committed chunk of the sync
        environments(false, true, Stalls.TWO_SECONDS);
        once("sync.load.after-commit", proxy::stall);
        Stalls.endTheHangOnceTheWatchGaveUp(proxy);

        // when
        CliResult stalled = Stalls.runsWithinTheLimits(nightshift, SYNC);

        // then it ended within a bound of the limit; staging is as it was, no __incoming and no spool is left
        FaultAssertions.failedWithOneLine(stalled, FaultCase.SYNC_TARGET_STALL_MID_LOAD);
        assertStagingUntouched(sql -> pg.queryLong(staging, sql), sql -> pg.queryLong("postgres", sql), staging);
        assertThat(spools()).as("spool left in the work directory").isEmpty();

        // and the next sync swaps in every row
        assertTheNextRunSwapsIn(sql -> pg.queryLong(staging, sql), SYNC);
    }

    @Test
    @Covers(FaultCase.SYNC_TARGET_STALL_POST_DATA)
    void targetStalledWhileTheIndexesAreBuiltEndsWithinTheStallTimeoutAndTheNextSyncSwapsIn() throws Exception {
        // given staging reached through the proxy, which stops forwarding (nothing closed) as the post-data script
        // (indexes, constraints) starts: a phase that may say nothing for long legitimately
        environments(false, true, Stalls.TWO_SECONDS);
        Failpoint.whenReached("sync.post-data.before", proxy::stall);
        Stalls.endTheHangOnceTheWatchGaveUp(proxy);

        // when
        CliResult stalled = Stalls.runsWithinTheLimits(nightshift, SYNC);

        // then it ended within a bound of the limit; staging is as it was, no __incoming and no spool is left
        FaultAssertions.failedWithOneLine(stalled, FaultCase.SYNC_TARGET_STALL_POST_DATA);
        assertThat(stalled.all()).contains("psql of");
        assertStagingUntouched(sql -> pg.queryLong(staging, sql), sql -> pg.queryLong("postgres", sql), staging);
        assertThat(spools()).as("spool left in the work directory").isEmpty();

        // and the next sync swaps in every row
        assertTheNextRunSwapsIn(sql -> pg.queryLong(staging, sql), SYNC);
    }

    @Test
    @Covers(FaultCase.SYNC_OPS_RESTART_MID_LOAD)
    void opsRestartMidSyncLeavesTheTargetAndTheNextSyncSwapsIn() throws Exception {
        // given the ops database on a server of its own, restarted (fast) after the first committed chunk
        environments(false, false);
        OwnCluster own = OwnCluster.shared();
        String ops = own.holdOpsOf(nightshift);
        int restartsBefore = own.restarts();
        once("sync.load.after-commit", own::restart);

        // when
        CliResult restarted = nightshift.cli(SYNC);
        Failpoint.clearActions();

        // then it failed saying so (its locks went with the ops sessions); staging is as it was
        FaultAssertions.failedWithOneLine(restarted, FaultCase.SYNC_OPS_RESTART_MID_LOAD);
        assertThat(own.restarts()).as("the fault happened").isGreaterThan(restartsBefore);
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
        FaultAssertions.assertNoJobLeftRunning(own.counts(ops));

        // and jobs restart resumes it (the incoming copy and the spool were kept for it) and swaps in every row
        assertTheNextRunSwapsIn(sql -> pg.queryLong(staging, sql), "jobs", "restart", "1");
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + staging + "__incoming'")).isZero();
        assertThat(spools()).as("spool left in the work directory").isEmpty();
        own.execute("postgres", "DROP DATABASE " + ops + " WITH (FORCE)");
    }

    @Test
    @Covers(FaultCase.SYNC_SNAPSHOT_DIRECTORY_FULL)
    void fullSnapshotDirectoryLeavesNoSnapshotAndTheNextExportSealsOneOnceThereIsRoom() throws Exception {
        // given a snapshot directory on a 32 kB filesystem, smaller than the snapshot
        environments(false, false);
        try (SmallFilesystem disk = SmallFilesystem.mount(nightshift.home().resolve("sync/snapshots"), "32k")) {
            // when
            CliResult full = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");

            // then it failed saying so, and nothing that looks like a snapshot is left
            FaultAssertions.failedWithOneLine(full, FaultCase.SYNC_SNAPSHOT_DIRECTORY_FULL);
            assertThat(snapshots()).as("snapshot directories left").isEmpty();
            FaultAssertions.assertNoJobLeftRunning(nightshift);

            // and once there is room, the next export seals a complete snapshot
            disk.resize("16m");
            CliResult next = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
            assertThat(next.exitCode()).as(next.toString()).isZero();
            assertThat(snapshots()).singleElement().satisfies(s -> assertThat(s.resolve("seal.json")).exists());
        }
    }

    @Test
    @Covers(FaultCase.SYNC_IMPORT_TARGET_CUT_MID_LOAD)
    void targetCutMidImportLeavesTheTargetAndTheNextImportSwapsIn() throws Exception {
        // given a sealed snapshot, and staging reached through the proxy, cut after the first committed chunk
        environments(false, true);
        CliResult export = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        Failpoint.whenReached("sync.load.after-commit", proxy::cut);

        // when
        CliResult cut = nightshift.cli("sync", "import", "--env", "staging");
        Failpoint.clearActions();

        // then it failed saying so; staging is as it was and no __incoming is left
        FaultAssertions.failedWithOneLine(cut, FaultCase.SYNC_IMPORT_TARGET_CUT_MID_LOAD);
        assertThat(proxy.cutConnections()).as("the fault happened").isPositive();
        assertStagingUntouched(sql -> pg.queryLong(staging, sql), sql -> pg.queryLong("postgres", sql), staging);

        // and the next import swaps in every row of the snapshot
        assertTheNextRunSwapsIn(sql -> pg.queryLong(staging, sql), "sync", "import", "--env", "staging");
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM users WHERE email NOT LIKE '%@test.example.com'")).isZero();
    }

    @Test
    @Covers(FaultCase.SYNC_IMPORT_TARGET_STALL_MID_LOAD)
    void targetStalledMidImportEndsWithinTheStallTimeoutAndTheNextImportSwapsIn() throws Exception {
        // given a sealed snapshot, and staging reached through the proxy, which stops forwarding (nothing closed)
        // after the first committed chunk
        environments(false, true, Stalls.TWO_SECONDS);
        CliResult export = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        once("sync.load.after-commit", proxy::stall);
        Stalls.endTheHangOnceTheWatchGaveUp(proxy);

        // when
        CliResult stalled = Stalls.runsWithinTheLimits(nightshift, "sync", "import", "--env", "staging");

        // then it ended within a bound of the limit; staging is as it was and no __incoming is left
        FaultAssertions.failedWithOneLine(stalled, FaultCase.SYNC_IMPORT_TARGET_STALL_MID_LOAD);
        assertStagingUntouched(sql -> pg.queryLong(staging, sql), sql -> pg.queryLong("postgres", sql), staging);

        // and the next import swaps in every row of the snapshot
        assertTheNextRunSwapsIn(sql -> pg.queryLong(staging, sql), "sync", "import", "--env", "staging");
    }

    @Test
    @Covers(FaultCase.SYNC_IMPORT_TARGET_RESTART_MID_LOAD)
    void targetRestartMidImportLeavesTheTargetAndTheNextImportSwapsIn() throws Exception {
        // given a sealed snapshot, and staging on a server of its own, restarted (fast) after the first chunk
        OwnCluster own = OwnCluster.shared();
        String ownStaging = ownStaging(own);
        install(demoProd(), own.environment("auth", ownStaging).data("masked"));
        CliResult export = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        int restartsBefore = own.restarts();
        once("sync.load.after-commit", own::restart);

        // when
        CliResult restarted = nightshift.cli("sync", "import", "--env", "staging");
        Failpoint.clearActions();

        // then it failed saying so; staging is as it was and no __incoming is left
        FaultAssertions.failedWithOneLine(restarted, FaultCase.SYNC_IMPORT_TARGET_RESTART_MID_LOAD);
        assertThat(own.restarts()).as("the fault happened").isGreaterThan(restartsBefore);
        assertStagingUntouched(own.counts(ownStaging), own.counts("postgres"), ownStaging);

        // and the next import swaps in every row of the snapshot
        assertTheNextRunSwapsIn(own.counts(ownStaging), "sync", "import", "--env", "staging");
        own.execute("postgres", "DROP DATABASE IF EXISTS " + ownStaging + "__previous");
        own.execute("postgres", "DROP DATABASE IF EXISTS " + ownStaging);
    }

    @Test
    @Covers(FaultCase.SYNC_EXPORT_SOURCE_RESTART_MID_TABLE)
    void sourceRestartMidExportLeavesNoSealedSnapshotAndTheNextExportSealsOne() throws Exception {
        // given production on a server of its own, restarted (fast) once the first rows were masked
        OwnCluster own = OwnCluster.shared();
        String ownProd = own.createDatabase("fault_sync_prod", 0);
        try (Connection c = own.connect(ownProd)) {
            demoRows(c);
        }
        staging = pg.createDatabase("fault_sync_staging");
        install(own.environment("auth", ownProd).data("masked"), new Environment().database("auth", staging).data("masked"));
        int restartsBefore = own.restarts();
        once("sync.extract.after-first-block", own::restart);

        // when
        CliResult restarted = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
        Failpoint.clearActions();

        // then it failed saying so, and nothing that looks like a snapshot is left
        FaultAssertions.failedWithOneLine(restarted, FaultCase.SYNC_EXPORT_SOURCE_RESTART_MID_TABLE);
        assertThat(own.restarts()).as("the fault happened").isGreaterThan(restartsBefore);
        assertNoSnapshotLeftAndTheNextExportSealsOne();
        own.execute("postgres", "DROP DATABASE " + ownProd);
    }

    @Test
    @Covers(FaultCase.SYNC_TARGET_RESTART_MID_LOAD)
    void targetRestartMidSyncLeavesTheTargetAndTheNextSyncSwapsIn() throws Exception {
        // given staging on a server of its own, restarted (fast) after the first committed chunk of the sync
        OwnCluster own = OwnCluster.shared();
        String ownStaging = ownStaging(own);
        install(demoProd(), own.environment("auth", ownStaging).data("masked"));
        int restartsBefore = own.restarts();
        once("sync.load.after-commit", own::restart);

        // when
        CliResult restarted = nightshift.cli(SYNC);
        Failpoint.clearActions();

        // then it failed saying so; staging is as it was, no __incoming and no spool is left
        FaultAssertions.failedWithOneLine(restarted, FaultCase.SYNC_TARGET_RESTART_MID_LOAD);
        assertThat(own.restarts()).as("the fault happened").isGreaterThan(restartsBefore);
        assertStagingUntouched(own.counts(ownStaging), own.counts("postgres"), ownStaging);
        assertThat(spools()).as("spool left in the work directory").isEmpty();

        // and the next sync swaps in every row
        assertTheNextRunSwapsIn(own.counts(ownStaging), SYNC);
        own.execute("postgres", "DROP DATABASE IF EXISTS " + ownStaging + "__previous");
        own.execute("postgres", "DROP DATABASE IF EXISTS " + ownStaging);
    }

    @Test
    @Covers(FaultCase.SYNC_WORK_DIRECTORY_FULL)
    void fullWorkDirectoryLeavesTheTargetAndNoSpoolAndTheNextSyncSwapsInOnceThereIsRoom() throws Exception {
        // given the sync's work directory on a small filesystem, which others fill up once the first rows are spooled
        // (the preflight refuses a sync that cannot fit; this stands for a disk filled by someone else meanwhile)
        environments(false, false);
        Path work = nightshift.home().resolve("sync");
        try (SmallFilesystem disk = SmallFilesystem.mount(work, "16m")) {
            once("sync.extract.after-first-block", () -> fill(work.resolve(BALLAST)));

            // when
            CliResult full = nightshift.cli(SYNC);
            Failpoint.clearActions();

            // then it failed saying so; staging is as it was, no __incoming and no spool is left
            FaultAssertions.failedWithOneLine(full, FaultCase.SYNC_WORK_DIRECTORY_FULL);
            assertStagingUntouched(sql -> pg.queryLong(staging, sql), sql -> pg.queryLong("postgres", sql), staging);
            assertThat(spools()).as("spool left in the work directory").isEmpty();

            // and once there is room, the next sync swaps in every row
            Files.delete(work.resolve(BALLAST));
            assertTheNextRunSwapsIn(sql -> pg.queryLong(staging, sql), SYNC);
        }
    }

    /** Writes to {@code file} until the filesystem is full. */
    private static void fill(Path file) {
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (java.io.IOException full) {
            // no space left: the point
        }
    }

    /** Production, with demo rows, on the test server. */
    private Environment demoProd() throws Exception {
        prod = pg.createDatabase("fault_sync_prod");
        try (Connection c = pg.connect(prod)) {
            demoRows(c);
        }
        return new Environment().database("auth", prod).data("masked");
    }

    private static String ownStaging(OwnCluster own) {
        String database = own.createDatabase("fault_sync_staging", 0);
        own.execute(database, STAGING_MARKER);
        return database;
    }

    /** Nothing that looks like a snapshot is left, no run is marked running, and the next export seals a complete one. */
    private void assertNoSnapshotLeftAndTheNextExportSealsOne() throws Exception {
        assertThat(snapshots()).as("snapshot directories left").isEmpty();
        FaultAssertions.assertNoJobLeftRunning(nightshift);
        CliResult next = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(snapshots()).singleElement().satisfies(s -> assertThat(s.resolve("seal.json")).exists());
    }

    /** Staging still holds its old data, no {@code __incoming} is beside it, and no run is marked running. */
    private void assertStagingUntouched(ToLongFunction<String> stagingDatabase, ToLongFunction<String> server, String name) {
        assertThat(stagingDatabase.applyAsLong("SELECT count(*) FROM staging_marker")).isEqualTo(1);
        assertThat(server.applyAsLong("SELECT count(*) FROM pg_database WHERE datname = '" + name + "__incoming'")).isZero();
        FaultAssertions.assertNoJobLeftRunning(nightshift);
    }

    /** The recovery command completes and staging holds every user of prod, masked. */
    private void assertTheNextRunSwapsIn(ToLongFunction<String> stagingDatabase, String... command) {
        CliResult next = nightshift.cli(command);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(stagingDatabase.applyAsLong("SELECT count(*) FROM users")).isEqualTo(pg.queryLong(prod, "SELECT count(*) FROM users"));
        assertThat(stagingDatabase.applyAsLong("SELECT count(*) FROM users WHERE email NOT LIKE '%@test.example.com'")).isZero();
    }

    private void environments(boolean prodThroughProxy, boolean stagingThroughProxy) throws Exception {
        environments(prodThroughProxy, stagingThroughProxy, null);
    }

    private void environments(boolean prodThroughProxy, boolean stagingThroughProxy, String setting) throws Exception {
        Environment prodEnvironment = demoProd();
        staging = pg.createDatabase("fault_sync_staging");
        pg.execute(staging, STAGING_MARKER);
        Environment stagingEnvironment = new Environment().database("auth", staging).data("masked");
        (prodThroughProxy ? prodEnvironment : stagingEnvironment).host(proxy.host()).port(proxy.port());
        install(prodEnvironment, stagingEnvironment, setting);
    }

    /** Production and staging as given (one of them on a server of the test's own, say), with the sync's settings. */
    private void install(Environment prodEnvironment, Environment stagingEnvironment) throws Exception {
        install(prodEnvironment, stagingEnvironment, null);
    }

    private void install(Environment prodEnvironment, Environment stagingEnvironment, String setting) throws Exception {
        Path salt = Files.createTempFile("salt", ".txt");
        Files.writeString(salt, "a-test-salt-of-at-least-16-bytes");
        NightshiftFixture.Builder builder = NightshiftFixture.builder()
                .environment("prod", prodEnvironment)
                .environment("staging", stagingEnvironment)
                .setting("sync: {rules-directory: \"" + Path.of("jobs/masking").toAbsolutePath() + "\", salt-file: \""
                        + salt + "\", work-directory: \"{home}/sync\", chunk-rows: 200}");
        if (setting != null) {
            builder.setting(setting);
        }
        for (String database : new String[] {prod, staging}) {
            if (database != null) {
                builder.dropOnClose(database);
            }
        }
        if (staging != null) {
            builder.dropOnClose(staging + "__incoming").dropOnClose(staging + "__previous");
        }
        nightshift = builder.build();
    }

    private static void demoRows(Connection c) throws Exception {
        DemoDatabase.createSchema(c);
        DemoDatabase.fill(c, 300, 42);
    }

    /** Runs {@code fault} the first time the failpoint is reached (a load's threads each reach it). */
    private static void once(String failpoint, Runnable fault) {
        AtomicBoolean done = new AtomicBoolean();
        Failpoint.whenReached(failpoint, () -> {
            if (done.compareAndSet(false, true)) {
                fault.run();
            }
        });
    }

    /** What a one-process sync left in its work directory besides its reports: a spool would show here. */
    private List<Path> spools() throws Exception {
        try (Stream<Path> entries = Files.list(nightshift.home().resolve("sync"))) {
            return entries.filter(p -> !p.getFileName().toString().equals("reports")
                    && !p.getFileName().toString().equals(BALLAST)).toList();
        }
    }

    private List<Path> snapshots() throws Exception {
        Path root = nightshift.home().resolve("sync/snapshots");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.toList();
        }
    }
}
