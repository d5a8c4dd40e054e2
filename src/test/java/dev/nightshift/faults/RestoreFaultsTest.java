package dev.nightshift.faults;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A restore whose target connection is cut mid-load leaves the live database as it was; the next one completes. */
class RestoreFaultsTest {

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy targetProxy = FaultProxy.toTestServer();
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        targetProxy.close();
        if (nightshift != null) {
            nightshift.close();
        }
    }

    @Test
    @Covers(FaultCase.RESTORE_TARGET_CUT_MID_LOAD)
    void targetCutMidLoadLeavesTheLiveDatabaseAndTheNextRestoreCompletes() {
        // given a backup of prod, and a staging database with rows of its own, reached through the proxy
        String source = pg.createDatabase("fault_restore_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 8000) g");
        String target = pg.createDatabase("fault_restore_tgt");
        pg.execute(target, "CREATE TABLE staging_only (id int); INSERT INTO staging_only SELECT generate_series(1, 7)");
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", source))
                .environment("staging", new Environment().database("app", target)
                        .host(targetProxy.host()).port(targetProxy.port()))
                .dropOnClose(source).dropOnClose(target)
                .build();
        CliResult backup = nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Failpoint.whenReached("restore.load.before-pg-restore", () -> targetProxy.cutAfterClientBytes(64 * 1024));

        // when
        CliResult cut = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
        Failpoint.clearActions();

        // then the live database is as it was, and no scratch copy is left behind
        FaultAssertions.failedWithOneLine(cut, FaultCase.RESTORE_TARGET_CUT_MID_LOAD);
        assertThat(targetProxy.cutConnections()).as("the fault happened").isPositive();
        assertThat(pg.queryLong(target, "SELECT count(*) FROM staging_only")).isEqualTo(7);
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE '" + target + "_%'"))
                .as("scratch databases beside the target").isZero();
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next restore replaces it with the backup, as an undisturbed run would
        CliResult next = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(pg.queryLong(target, "SELECT count(*) FROM item")).isEqualTo(8000);
        assertThat(pg.queryLong(target, "SELECT count(*) FROM pg_tables WHERE tablename = 'staging_only'")).isZero();
    }

    @Test
    @Covers(FaultCase.RESTORE_TARGET_STALL_MID_LOAD)
    void targetStalledMidLoadEndsWithinTheStallTimeoutAndTheNextRestoreCompletes() {
        // given a backup of prod, and staging reached through the proxy, which stops forwarding (nothing closed)
        // 64 kB into pg_restore's stream: keepalives are answered, only the load's standstill shows it
        String source = pg.createDatabase("fault_restore_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 8000) g");
        String target = pg.createDatabase("fault_restore_tgt");
        pg.execute(target, "CREATE TABLE staging_only (id int); INSERT INTO staging_only SELECT generate_series(1, 7)");
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", source))
                .environment("staging", new Environment().database("app", target)
                        .host(targetProxy.host()).port(targetProxy.port()))
                .setting("connections: {stall-timeout: 2s}")
                .dropOnClose(source).dropOnClose(target)
                .build();
        CliResult backup = nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Failpoint.whenReached("restore.load.before-pg-restore",
                () -> targetProxy.afterClientBytes(64 * 1024, targetProxy::stall));
        // the hang ends once the watch gave up on it (as a rebooted firewall's does), so the run can clean up
        Failpoint.whenReached("stall-watch.ended", () -> {
            targetProxy.cut();
            targetProxy.resume();
        });

        // when
        long started = System.nanoTime();
        CliResult stalled = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
        Failpoint.clearActions();

        // then it ended within a bound of the limit, and the live database is as it was
        assertThat(took).as("ended within the configured limits").isLessThan(java.time.Duration.ofSeconds(40));
        FaultAssertions.failedWithOneLine(stalled, FaultCase.RESTORE_TARGET_STALL_MID_LOAD);
        assertThat(pg.queryLong(target, "SELECT count(*) FROM staging_only")).isEqualTo(7);
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE '" + target + "_%'"))
                .as("scratch databases beside the target").isZero();
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next restore replaces it with the backup
        CliResult next = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(pg.queryLong(target, "SELECT count(*) FROM item")).isEqualTo(8000);
    }

    @Test
    @Covers(FaultCase.RESTORE_OPS_RESTART_MID_LOAD)
    void opsRestartMidLoadLeavesTheLiveDatabaseAndTheNextRestoreCompletes() {
        // given a backup of prod, a staging database with rows of its own, and the ops database on a server of
        // its own, restarted (fast) as pg_restore starts
        String source = pg.createDatabase("fault_restore_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 8000) g");
        String target = pg.createDatabase("fault_restore_tgt");
        pg.execute(target, "CREATE TABLE staging_only (id int); INSERT INTO staging_only SELECT generate_series(1, 7)");
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", source))
                .environment("staging", new Environment().database("app", target))
                .dropOnClose(source).dropOnClose(target)
                .build();
        OwnCluster own = OwnCluster.shared();
        String ops = own.holdOpsOf(nightshift);
        CliResult backup = nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        int restartsBefore = own.restarts();
        Failpoint.whenReached("restore.load.before-pg-restore", own::restart);

        // when
        CliResult restarted = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
        Failpoint.clearActions();

        // then the live database is as it was, and no scratch copy is left behind
        FaultAssertions.failedWithOneLine(restarted, FaultCase.RESTORE_OPS_RESTART_MID_LOAD);
        assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
        assertThat(pg.queryLong(target, "SELECT count(*) FROM staging_only")).isEqualTo(7);
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE '" + target + "_%'"))
                .as("scratch databases beside the target").isZero();
        FaultAssertions.assertNoJobLeftRunning(own.counts(ops));

        // and the next restore replaces it with the backup
        CliResult next = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(pg.queryLong(target, "SELECT count(*) FROM item")).isEqualTo(8000);
        own.execute("postgres", "DROP DATABASE " + ops + " WITH (FORCE)");
    }

    @Test
    @Covers(FaultCase.RESTORE_TARGET_RESTART_MID_LOAD)
    void targetRestartMidLoadLeavesTheLiveDatabaseAndTheNextRestoreCompletes() {
        // given a backup of prod, and a staging database on a server of its own, restarted (fast) mid-load
        String source = pg.createDatabase("fault_restore_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 8000) g");
        OwnCluster own = OwnCluster.shared();
        String target = own.createDatabase("fault_restore_tgt", 0);
        own.execute(target, "CREATE TABLE staging_only (id int); INSERT INTO staging_only SELECT generate_series(1, 7)");
        try (FaultProxy proxy = FaultProxy.to(own.cluster().host(), own.cluster().port())) {
            nightshift = NightshiftFixture.builder()
                    .environment("prod", new Environment().database("app", source))
                    .environment("staging", new Environment().database("app", target).host(proxy.host()).port(proxy.port())
                            .password(own.cluster().password()))
                    .dropOnClose(source)
                    .build();
            CliResult backup = nightshift.cli("backup", "--env", "prod");
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            int restartsBefore = own.restarts();
            Failpoint.whenReached("restore.load.before-pg-restore", () -> proxy.afterClientBytes(64 * 1024, own::restart));

            // when
            CliResult restarted = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
            Failpoint.clearActions();

            // then the live database is as it was, and no scratch copy is left behind
            FaultAssertions.failedWithOneLine(restarted, FaultCase.RESTORE_TARGET_RESTART_MID_LOAD);
            assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
            assertThat(own.queryLong(target, "SELECT count(*) FROM staging_only")).isEqualTo(7);
            assertThat(own.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE '" + target + "_%'"))
                    .as("scratch databases beside the target").isZero();
            FaultAssertions.assertNoJobLeftRunning(nightshift);

            // and the next restore replaces it with the backup
            CliResult next = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");
            assertThat(next.exitCode()).as(next.toString()).isZero();
            assertThat(own.queryLong(target, "SELECT count(*) FROM item")).isEqualTo(8000);
        }
    }
}
