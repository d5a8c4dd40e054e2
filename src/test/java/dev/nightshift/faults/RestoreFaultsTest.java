package dev.nightshift.faults;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restore whose target connection is cut, stalled or restarted mid-load, or whose ops server restarts, leaves
 * the live database as it was and no scratch copy beside it; the next restore completes.
 */
class RestoreFaultsTest {

    private static final String[] RESTORE = {"restore", "--env", "prod", "--database", "app", "--into", "staging"};
    private static final String STAGING_ROWS = "CREATE TABLE staging_only (id int); INSERT INTO staging_only SELECT generate_series(1, 7)";

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy targetProxy = FaultProxy.toTestServer();
    NightshiftFixture nightshift;
    String target;
    boolean targetOnTheTestServer;

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
        backupOfProd(stagingOnTheTestServer().host(targetProxy.host()).port(targetProxy.port()));
        Failpoint.whenReached("restore.load.before-pg-restore", () -> targetProxy.cutAfterClientBytes(64 * 1024));

        // when
        CliResult cut = restore();

        // then the live database is as it was, and no scratch copy is left behind
        FaultAssertions.failedWithOneLine(cut, FaultCase.RESTORE_TARGET_CUT_MID_LOAD);
        assertThat(targetProxy.cutConnections()).as("the fault happened").isPositive();
        FaultAssertions.assertNoJobLeftRunning(nightshift);
        assertUntouchedAndTheNextRestoreReplacesIt(sql -> pg.queryLong(target, sql), sql -> pg.queryLong("postgres", sql));
    }

    @Test
    @Covers(FaultCase.RESTORE_TARGET_STALL_MID_LOAD)
    void targetStalledMidLoadEndsWithinTheStallTimeoutAndTheNextRestoreCompletes() {
        // given a backup of prod, and staging reached through the proxy, which stops forwarding (nothing closed)
        // 64 kB into pg_restore's stream: keepalives are answered, only the load's standstill shows it
        backupOfProd(stagingOnTheTestServer().host(targetProxy.host()).port(targetProxy.port()),
                Stalls.TWO_SECONDS);
        Failpoint.whenReached("restore.load.before-pg-restore",
                () -> targetProxy.afterClientBytes(64 * 1024, targetProxy::stall));
        Stalls.endTheHangOnceTheWatchGaveUp(targetProxy);

        // when
        CliResult stalled = Stalls.runsWithinTheLimits(nightshift, RESTORE);

        // then it ended within a bound of the limit, and the live database is as it was
        FaultAssertions.failedWithOneLine(stalled, FaultCase.RESTORE_TARGET_STALL_MID_LOAD);
        FaultAssertions.assertNoJobLeftRunning(nightshift);
        assertUntouchedAndTheNextRestoreReplacesIt(sql -> pg.queryLong(target, sql), sql -> pg.queryLong("postgres", sql));
    }

    @Test
    @Covers(FaultCase.RESTORE_OPS_RESTART_MID_LOAD)
    void opsRestartMidLoadLeavesTheLiveDatabaseAndTheNextRestoreCompletes() {
        // given a backup of prod, a staging database with rows of its own, and the ops database on a server of
        // its own, restarted (fast) as pg_restore starts
        OwnCluster own = OwnCluster.shared();
        prodAnd(stagingOnTheTestServer());
        String ops = own.holdOpsOf(nightshift);
        backupProd();
        int restartsBefore = own.restarts();
        Failpoint.whenReached("restore.load.before-pg-restore", own::restart);

        // when
        CliResult restarted = restore();

        // then the live database is as it was, and no scratch copy is left behind
        FaultAssertions.failedWithOneLine(restarted, FaultCase.RESTORE_OPS_RESTART_MID_LOAD);
        assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
        FaultAssertions.assertNoJobLeftRunning(own.counts(ops));
        assertUntouchedAndTheNextRestoreReplacesIt(sql -> pg.queryLong(target, sql), sql -> pg.queryLong("postgres", sql));
        own.execute("postgres", "DROP DATABASE " + ops + " WITH (FORCE)");
    }

    @Test
    @Covers(FaultCase.RESTORE_TARGET_RESTART_MID_LOAD)
    void targetRestartMidLoadLeavesTheLiveDatabaseAndTheNextRestoreCompletes() {
        // given a backup of prod, and a staging database on a server of its own, restarted (fast) mid-load
        OwnCluster own = OwnCluster.shared();
        target = own.createDatabase("fault_restore_tgt", 0);
        own.execute(target, STAGING_ROWS);
        try (FaultProxy proxy = FaultProxy.to(own.cluster().host(), own.cluster().port())) {
            backupOfProd(new Environment().database("app", target).host(proxy.host()).port(proxy.port())
                    .password(own.cluster().password()));
            int restartsBefore = own.restarts();
            Failpoint.whenReached("restore.load.before-pg-restore", () -> proxy.afterClientBytes(64 * 1024, own::restart));

            // when
            CliResult restarted = restore();

            // then the live database is as it was, and no scratch copy is left behind
            FaultAssertions.failedWithOneLine(restarted, FaultCase.RESTORE_TARGET_RESTART_MID_LOAD);
            assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
            FaultAssertions.assertNoJobLeftRunning(nightshift);
            assertUntouchedAndTheNextRestoreReplacesIt(own.counts(target), own.counts("postgres"));
        }
    }

    /** A staging database with rows of its own on the test server (reached directly unless redirected). */
    private Environment stagingOnTheTestServer() {
        target = pg.createDatabase("fault_restore_tgt");
        targetOnTheTestServer = true;
        pg.execute(target, STAGING_ROWS);
        return new Environment().database("app", target);
    }

    /** Prod with 8000 items and its backup, and {@code staging} to restore it into. */
    private void backupOfProd(Environment staging, String... settings) {
        prodAnd(staging, settings);
        backupProd();
    }

    private void prodAnd(Environment staging, String... settings) {
        String source = pg.createDatabase("fault_restore_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 8000) g");
        NightshiftFixture.Builder builder = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", source))
                .environment("staging", staging)
                .dropOnClose(source);
        if (targetOnTheTestServer) {
            builder.dropOnClose(target);
        }
        for (String setting : settings) {
            builder.setting(setting);
        }
        nightshift = builder.build();
    }

    private void backupProd() {
        CliResult backup = nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
    }

    private CliResult restore() {
        CliResult result = nightshift.cli(RESTORE);
        Failpoint.clearActions();
        return result;
    }

    /**
     * The live database still holds its own rows and no scratch copy is beside it; the next restore replaces it
     * with the backup, as an undisturbed run would.
     */
    private void assertUntouchedAndTheNextRestoreReplacesIt(ToLongFunction<String> live, ToLongFunction<String> server) {
        assertThat(live.applyAsLong("SELECT count(*) FROM staging_only")).isEqualTo(7);
        assertThat(server.applyAsLong("SELECT count(*) FROM pg_database WHERE datname LIKE '" + target + "_%'"))
                .as("scratch databases beside the target").isZero();
        CliResult next = restore();
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(live.applyAsLong("SELECT count(*) FROM item")).isEqualTo(8000);
        assertThat(live.applyAsLong("SELECT count(*) FROM pg_tables WHERE tablename = 'staging_only'")).isZero();
    }
}
