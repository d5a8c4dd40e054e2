package dev.nightshift.faults;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data migrations whose target or ops connection breaks at the two points that matter, before and after the
 * target commit: the restart settles the batch in flight, and every row is migrated exactly once.
 */
class MigrationFaultsTest {

    private static final int ROWS = 3000;
    private static final String TOUCH = """
            description: Mark every account once (the test counts the marks)
            database: app
            table: public.account
            key: id
            batch: "UPDATE account SET touched = touched + 1 WHERE id > :from AND id <= :to"
            """;

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy targetProxy = FaultProxy.toTestServer();
    final FaultProxy opsProxy = FaultProxy.toTestServer();
    String database;
    NightshiftFixture nightshift;
    Path migrations;

    private static final String ACCOUNTS = "CREATE TABLE account (id bigint PRIMARY KEY, touched int NOT NULL DEFAULT 0);"
            + " INSERT INTO account SELECT g FROM generate_series(1, " + ROWS + ") g; ANALYZE account";

    /** A count query on the target database. */
    ToLongFunction<String> target;
    /** A count query on the ops database when it is not on the test server (null: it is). */
    ToLongFunction<String> opsCounts;

    @BeforeEach
    void accounts() throws Exception {
        database = pg.createDatabase("fault_migration");
        pg.execute(database, ACCOUNTS);
        target = sql -> pg.queryLong(database, sql);
        migrations = Files.createTempDirectory("nightshift-fault-migrations");
        Files.writeString(migrations.resolve("touch.yml"), TOUCH);
    }

    /**
     * @param migration extra settings under nightshift.migration, each starting with ", "
     * @param settings  extra lines under nightshift (the stall case lowers the timeouts)
     */
    private void install(String migration, String... settings) {
        install(new Environment().database("app", database).host(targetProxy.host()).port(targetProxy.port()), migration, settings);
    }

    private void install(Environment prod, String migration, String... settings) {
        NightshiftFixture.Builder builder = NightshiftFixture.builder();
        for (String setting : settings) {
            builder.setting(setting);
        }
        nightshift = builder
                .environment("prod", prod)
                .opsThrough(opsProxy.host(), opsProxy.port())
                .setting("migration: {directory: " + migrations + ", batch-size: 500, min-batch-size: 500, max-batch-size: 500"
                        + migration + "}")
                .dropOnClose(database)
                .build();
    }

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        targetProxy.close();
        opsProxy.close();
        if (nightshift != null) {
            nightshift.close();
        } else {
            pg.dropDatabase(database);
        }
    }

    @Test
    @Covers(FaultCase.MIGRATION_TARGET_CUT_MID_BATCH)
    void targetCutBeforeTheCommitRedoesTheBatchOnRestart() {
        // given the target connection cut in the second batch, after its UPDATE and before its COMMIT
        install("");
        onSecondBatch("migration.batch.before-commit", targetProxy::cut);

        // when
        CliResult cut = migrate();

        // then
        FaultAssertions.failedWithOneLine(cut, FaultCase.MIGRATION_TARGET_CUT_MID_BATCH);
        assertThat(targetProxy.cutConnections()).as("the fault happened").isPositive();
        assertThat(touched(1)).as("only the first batch counts").isEqualTo(500);
        assertRestartMigratesEveryRowOnce();
    }

    @Test
    @Covers(FaultCase.MIGRATION_TARGET_RESTART_MID_BATCH)
    void targetRestartBeforeTheCommitRedoesTheBatchOnRestart() {
        // given the target on a server of its own, restarted (fast) in the second batch, after its UPDATE and
        // before its COMMIT
        OwnCluster own = OwnCluster.shared();
        String ownDatabase = own.createDatabase("fault_migration", 0);
        own.execute(ownDatabase, ACCOUNTS);
        target = sql -> own.queryLong(ownDatabase, sql);
        install(own.environment("app", ownDatabase), "");
        int restartsBefore = own.restarts();
        onSecondBatch("migration.batch.before-commit", own::restart);

        // when
        CliResult restarted = migrate();

        // then
        FaultAssertions.failedWithOneLine(restarted, FaultCase.MIGRATION_TARGET_RESTART_MID_BATCH);
        assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
        assertThat(touched(1)).as("only the first batch counts").isEqualTo(500);
        assertRestartMigratesEveryRowOnce();
        own.execute("postgres", "DROP DATABASE " + ownDatabase);
    }

    @Test
    @Covers(FaultCase.MIGRATION_OPS_CUT_AFTER_COMMIT)
    void opsCutBetweenTheTargetCommitAndTheBookkeepingCountsTheBatchOnceOnRestart() {
        // given the ops connections cut in the second batch, after the target committed, before it is recorded
        install("");
        onSecondBatch("migration.batch.after-commit", opsProxy::cut);

        // when
        CliResult cut = migrate();

        // then the second batch is on the target, but not recorded as done
        FaultAssertions.failedWithOneLine(cut, FaultCase.MIGRATION_OPS_CUT_AFTER_COMMIT);
        assertThat(opsProxy.cutConnections()).as("the fault happened").isPositive();
        assertThat(touched(1)).as("two batches committed on the target").isEqualTo(1000);
        assertRestartMigratesEveryRowOnce();
    }

    @Test
    @Covers(FaultCase.MIGRATION_OPS_RESTART_AFTER_COMMIT)
    void opsRestartBetweenTheTargetCommitAndTheBookkeepingCountsTheBatchOnceOnRestart() {
        // given the ops database on a server of its own, restarted (fast) in the second batch, after the target
        // committed and before it is recorded
        install("");
        OwnCluster own = OwnCluster.shared();
        String ops = own.holdOpsOf(nightshift);
        opsCounts = own.counts(ops);
        int restartsBefore = own.restarts();
        onSecondBatch("migration.batch.after-commit", own::restart);

        // when
        CliResult restarted = migrate();

        // then the second batch is on the target, but not recorded as done
        FaultAssertions.failedWithOneLine(restarted, FaultCase.MIGRATION_OPS_RESTART_AFTER_COMMIT);
        assertThat(own.restarts()).as("the fault happened").isEqualTo(restartsBefore + 1);
        assertThat(touched(1)).as("two batches committed on the target").isEqualTo(1000);
        assertRestartMigratesEveryRowOnce();
        own.execute("postgres", "DROP DATABASE " + ops + " WITH (FORCE)");
    }

    @Test
    @Covers(FaultCase.MIGRATION_TARGET_STALL)
    void stalledTargetEndsTheRunWithinTheSocketTimeout() {
        // given the target connection stalled (nothing forwarded, nothing closed) at the second batch's commit
        install(", lock-timeout: 200ms, statement-timeout: 500ms", "connections: {socket-timeout: 2s}");
        onSecondBatch("migration.batch.before-commit", targetProxy::stall);

        // when
        long started = System.nanoTime();
        CliResult stalled = migrate();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then the run ends within socket timeout + statement timeout + lock timeout (2 s + 0.5 s + 0.2 s), not hangs
        FaultAssertions.failedWithOneLine(stalled, FaultCase.MIGRATION_TARGET_STALL);
        assertThat(took).as("ended within the configured limit").isLessThan(Duration.ofSeconds(20));

        // and once the stalled path is gone for good, the restart finishes
        targetProxy.cut();
        targetProxy.resume();
        assertRestartMigratesEveryRowOnce();
    }

    private void onSecondBatch(String failpoint, Runnable fault) {
        AtomicInteger batches = new AtomicInteger();
        Failpoint.whenReached(failpoint, () -> {
            if (batches.incrementAndGet() == 2) {
                fault.run();
            }
        });
    }

    private CliResult migrate() {
        CliResult result = nightshift.cli("migrate-data", "touch", "--env", "prod");
        Failpoint.clearActions();
        return result;
    }

    private void assertRestartMigratesEveryRowOnce() {
        ToLongFunction<String> ops = opsCounts != null ? opsCounts : sql -> pg.queryLong(nightshift.opsDatabase(), sql);
        long failed = ops.applyAsLong("SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        CliResult restart = nightshift.cli("jobs", "restart", Long.toString(failed));
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(touched(1)).as("every row exactly once").isEqualTo(ROWS);
        assertThat(target.applyAsLong("SELECT count(*) FROM account WHERE touched <> 1")).isZero();
        assertThat(ops.applyAsLong("SELECT rows_affected FROM nightshift.data_migration_progress"))
                .as("batches not double-counted").isEqualTo(ROWS);
        FaultAssertions.assertNoJobLeftRunning(ops);
    }

    private long touched(int times) {
        return target.applyAsLong("SELECT count(*) FROM account WHERE touched = " + times);
    }
}
