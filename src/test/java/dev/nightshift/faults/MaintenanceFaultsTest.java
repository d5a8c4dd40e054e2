package dev.nightshift.faults;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Maintenance whose connection is cut while VACUUM runs: the run says so, and the next run vacuums the table. */
class MaintenanceFaultsTest {

    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, payload text) WITH (autovacuum_enabled = false);"
            + " INSERT INTO orders SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 20000) g;"
            + " UPDATE orders SET payload = payload || 'x'; ANALYZE orders";

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
    @Covers(FaultCase.MAINTENANCE_CUT_MID_VACUUM)
    void cutMidVacuumIsReportedAndTheNextRunVacuums() throws Exception {
        // given a table every row of which was updated, autovacuum off
        String database = ordersOnTheTestServer();
        install(new Environment().database("app", database).host(targetProxy.host()).port(targetProxy.port()), database);
        // the VACUUM is sent into a stalled connection, which is cut while the client waits for its answer
        Failpoint.whenReached("maintenance.vacuum.before", () -> {
            targetProxy.stall();
            CompletableFuture.runAsync(() -> {
                targetProxy.cut();
                targetProxy.resume();
            }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        });

        // when
        CliResult cut = nightshift.cli("maintain", "--env", "dev");
        Failpoint.clearActions();

        // then
        FaultAssertions.failedWithOneLine(cut, FaultCase.MAINTENANCE_CUT_MID_VACUUM);
        assertThat(targetProxy.cutConnections()).as("the fault happened").isPositive();
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next run vacuums the table
        assertTheNextRunVacuums(sql -> pg.queryLong(database, sql));
    }

    @Test
    @Covers(FaultCase.MAINTENANCE_STALL_MID_VACUUM)
    void stalledServerMidVacuumEndsWithinTheStallTimeoutAndTheNextRunVacuums() throws Exception {
        // given a table every row of which was updated, reached through a proxy that stops forwarding (nothing
        // closed) once the VACUUM is sent: keepalives are answered, and a VACUUM may say nothing for hours anyway
        String database = ordersOnTheTestServer();
        install(new Environment().database("app", database).host(targetProxy.host()).port(targetProxy.port()), database,
                Stalls.TWO_SECONDS);
        Failpoint.whenReached("maintenance.vacuum.before", targetProxy::stall);
        Stalls.endTheHangOnceTheWatchGaveUp(targetProxy);

        // when
        CliResult stalled = Stalls.runsWithinTheLimits(nightshift, "maintain", "--env", "dev");

        // then it ended within a bound of the limit, saying which VACUUM and which setting
        FaultAssertions.failedWithOneLine(stalled, FaultCase.MAINTENANCE_STALL_MID_VACUUM);
        assertThat(stalled.all()).contains("nightshift.connections.stall-timeout");
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next run vacuums the table
        assertTheNextRunVacuums(sql -> pg.queryLong(database, sql));
    }

    @Test
    @Covers(FaultCase.MAINTENANCE_OPS_RESTART_MID_VACUUM)
    void opsRestartMidVacuumIsReportedAndTheNextRunCompletes() throws Exception {
        // given a table every row of which was updated, and the ops database on a server of its own, restarted
        // (fast) as the VACUUM starts
        String database = ordersOnTheTestServer();
        install(new Environment().database("app", database), database);
        OwnCluster own = OwnCluster.shared();
        String ops = own.holdOpsOf(nightshift);
        int restartsBefore = own.restarts();
        Failpoint.whenReached("maintenance.vacuum.before", own::restart);

        // when
        CliResult restarted = nightshift.cli("maintain", "--env", "dev");
        Failpoint.clearActions();

        // then
        FaultAssertions.failedWithOneLine(restarted, FaultCase.MAINTENANCE_OPS_RESTART_MID_VACUUM);
        assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
        FaultAssertions.assertNoJobLeftRunning(own.counts(ops));

        // and the next run completes and writes its report
        CliResult next = nightshift.cli("maintain", "--env", "dev");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(FaultAssertions.files(nightshift.home().resolve("reports"))).anyMatch(f -> f.endsWith(".html"));
        own.execute("postgres", "DROP DATABASE " + ops + " WITH (FORCE)");
    }

    @Test
    @Covers(FaultCase.MAINTENANCE_RESTART_MID_VACUUM)
    void restartMidVacuumIsReportedAndTheNextRunVacuums() throws Exception {
        // given the table on a server of its own, where VACUUM runs slowly (cost delay) so it is restarted mid-VACUUM
        OwnCluster own = OwnCluster.shared();
        String database = own.createDatabase("fault_maint", 0);
        own.execute(database, ORDERS);
        ToLongFunction<String> target = sql -> own.queryLong(database, sql);
        awaitDeadTuples(target);
        own.execute("postgres", "ALTER DATABASE " + database + " SET vacuum_cost_delay = '50ms'");
        own.execute("postgres", "ALTER DATABASE " + database + " SET vacuum_cost_limit = 1");
        install(own.environment("app", database), null);
        int restartsBefore = own.restarts();
        var restart = new CompletableFuture<Void>();
        Failpoint.whenReached("maintenance.vacuum.before", () -> CompletableFuture.runAsync(() -> {
            awaitVacuumRunning(target);
            own.restart();
        }).whenComplete((done, failed) -> restart.complete(null)));
        // the server is back before the run goes on, as after a quick restart (else the next step's connection is refused)
        Failpoint.whenReached("maintenance.vacuum.after", restart::join);

        // when
        CliResult restarted = nightshift.cli("maintain", "--env", "dev");
        Failpoint.clearActions();

        // then
        FaultAssertions.failedWithOneLine(restarted, FaultCase.MAINTENANCE_RESTART_MID_VACUUM);
        assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next run (VACUUM at full speed again) vacuums the table
        own.execute("postgres", "ALTER DATABASE " + database + " RESET ALL");
        assertTheNextRunVacuums(target);
        own.execute("postgres", "DROP DATABASE " + database);
    }

    private void assertTheNextRunVacuums(ToLongFunction<String> target) {
        CliResult next = nightshift.cli("maintain", "--env", "dev");
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(target.applyAsLong("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'orders'"
                + " AND vacuum_count > 0")).isEqualTo(1);
    }

    /** A database on the test server whose orders table has a dead tuple for every row (autovacuum off). */
    private String ordersOnTheTestServer() throws InterruptedException {
        String database = pg.createDatabase("fault_maint");
        pg.execute(database, ORDERS);
        awaitDeadTuples(sql -> pg.queryLong(database, sql));
        return database;
    }

    /** @param dropOnClose the test server's database to drop afterwards (null: none) */
    private void install(Environment dev, String dropOnClose, String... settings) {
        NightshiftFixture.Builder builder = NightshiftFixture.builder()
                .environment("dev", dev)
                .setting("maintenance: {report-directory: {home}/reports}");
        for (String setting : settings) {
            builder.setting(setting);
        }
        if (dropOnClose != null) {
            builder.dropOnClose(dropOnClose);
        }
        nightshift = builder.build();
    }

    private static void awaitVacuumRunning(ToLongFunction<String> target) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (target.applyAsLong("SELECT count(*) FROM pg_stat_progress_vacuum WHERE datname = current_database()") == 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the VACUUM never showed in pg_stat_progress_vacuum");
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    private void awaitDeadTuples(ToLongFunction<String> target) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (target.applyAsLong("SELECT coalesce(max(n_dead_tup), 0) FROM pg_stat_user_tables WHERE relname = 'orders'") == 0) {
            assertThat(System.currentTimeMillis()).as("statistics of orders never appeared").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
