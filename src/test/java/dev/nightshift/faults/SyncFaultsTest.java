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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masked sync's halves under a cut connection: an export whose source goes away leaves no snapshot that
 * looks complete; an import whose target goes away leaves the target as it was; the next run completes.
 */
class SyncFaultsTest {

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
        assertThat(snapshots()).as("snapshot directories left").isEmpty();
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next export seals a complete snapshot
        CliResult next = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(snapshots()).singleElement().satisfies(s -> assertThat(s.resolve("seal.json")).exists());
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
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + staging + "__incoming'")).isZero();
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next import swaps in every row of the snapshot
        CliResult next = nightshift.cli("sync", "import", "--env", "staging");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM users")).isEqualTo(pg.queryLong(prod, "SELECT count(*) FROM users"));
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM users WHERE email NOT LIKE '%@test.example.com'")).isZero();
    }

    @Test
    @Covers(FaultCase.SYNC_IMPORT_TARGET_RESTART_MID_LOAD)
    void targetRestartMidImportLeavesTheTargetAndTheNextImportSwapsIn() throws Exception {
        // given a sealed snapshot, and staging on a server of its own, restarted (fast) after the first chunk
        OwnCluster own = OwnCluster.shared();
        environments(false, false);
        String ownStaging = own.createDatabase("fault_sync_staging", 0);
        own.execute(ownStaging, "CREATE TABLE staging_marker (note text); INSERT INTO staging_marker VALUES ('old staging')");
        Path config = nightshift.config();
        Files.writeString(config, Files.readString(config).replaceFirst(
                "(?s)(    staging:\\n      host: )[^\\n]*(\\n      port: )\\d+(\\n      username: [^\\n]*\\n      password: )\"[^\"]*\"",
                "$1" + own.cluster().host() + "$2" + own.cluster().port() + "$3\"" + own.cluster().password() + "\"")
                .replace("auth: " + staging, "auth: " + ownStaging));
        CliResult export = nightshift.cli("sync", "export", "--env", "prod", "--source", "live");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        int restartsBefore = own.restarts();
        // once: the load's two threads each reach the failpoint
        var once = new java.util.concurrent.atomic.AtomicBoolean();
        Failpoint.whenReached("sync.load.after-commit", () -> {
            if (once.compareAndSet(false, true)) {
                own.restart();
            }
        });

        // when
        CliResult restarted = nightshift.cli("sync", "import", "--env", "staging");
        Failpoint.clearActions();

        // then it failed saying so; staging is as it was and no __incoming is left
        FaultAssertions.failedWithOneLine(restarted, FaultCase.SYNC_IMPORT_TARGET_RESTART_MID_LOAD);
        assertThat(own.restarts()).as("the fault happened").isGreaterThan(restartsBefore);
        assertThat(own.queryLong(ownStaging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
        assertThat(own.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + ownStaging + "__incoming'")).isZero();
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next import swaps in every row of the snapshot
        CliResult next = nightshift.cli("sync", "import", "--env", "staging");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(own.queryLong(ownStaging, "SELECT count(*) FROM users")).isEqualTo(pg.queryLong(prod, "SELECT count(*) FROM users"));
        own.execute("postgres", "DROP DATABASE IF EXISTS " + ownStaging + "__previous");
        own.execute("postgres", "DROP DATABASE IF EXISTS " + ownStaging);
    }

    private void environments(boolean prodThroughProxy, boolean stagingThroughProxy) throws Exception {
        prod = pg.createDatabase("fault_sync_prod");
        staging = pg.createDatabase("fault_sync_staging");
        try (Connection c = pg.connect(prod)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 300, 42);
        }
        pg.execute(staging, "CREATE TABLE staging_marker (note text); INSERT INTO staging_marker VALUES ('old staging')");
        Path salt = Files.createTempFile("salt", ".txt");
        Files.writeString(salt, "a-test-salt-of-at-least-16-bytes");
        Environment prodEnvironment = new Environment().database("auth", prod).data("masked");
        Environment stagingEnvironment = new Environment().database("auth", staging).data("masked");
        (prodThroughProxy ? prodEnvironment : stagingEnvironment).host(proxy.host()).port(proxy.port());
        nightshift = NightshiftFixture.builder()
                .environment("prod", prodEnvironment)
                .environment("staging", stagingEnvironment)
                .setting("sync: {rules-directory: \"" + Path.of("jobs/masking").toAbsolutePath() + "\", salt-file: \""
                        + salt + "\", work-directory: \"{home}/sync\", chunk-rows: 200}")
                .dropOnClose(prod).dropOnClose(staging).dropOnClose(staging + "__incoming").dropOnClose(staging + "__previous")
                .build();
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
