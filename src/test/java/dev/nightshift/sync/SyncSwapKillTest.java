package dev.nightshift.sync;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sync whose process dies at any point of its swap (a failpoint halts it as SIGKILL would), then restarted
 * with {@code jobs restart}, ends with staging holding the new masked copy, the old one as __previous, no
 * __incoming, both accepting connections; at no moment is there no staging database. A swap failing with an
 * error says truthfully which data staging holds.
 */
class SyncSwapKillTest {

    static SyncFixture fixture;

    @BeforeAll
    static void environments() {
        fixture = SyncFixture.builder().users(40).build();
    }

    @AfterAll
    static void cleanUp() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-mark", "after-drop-kept", "after-block", "after-terminate", "in-transaction",
            "after-commit", "after-allow"})
    void aSyncKilledAtAnyPointOfItsSwapAndRestartedEndsWithOneLiveCopy(String point) throws Exception {
        // given an old staging database and a stale __previous
        resetStaging();

        // when the sync's process dies at the failpoint
        Process sync = fixture.nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", "sync.swap." + point),
                "sync", "--from", "prod", "--to", "staging", "--source", "live");
        assertThat(sync.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(sync.exitValue()).as(fixture.nightshift.spawnOutput()).isEqualTo(137);
        assertThat(fixture.nightshift.spawnOutput()).contains("failpoint sync.swap." + point);

        // then staging exists (with the old or the new data), never neither
        assertThat(fixture.exists(fixture.staging)).as("a staging database right after the kill").isTrue();

        // and when restarted, it ends with the new copy live and the old one as __previous, and says so
        long killed = PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(killed));
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(restart.all()).contains("now holds the new masked copy");
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM users")).isEqualTo(40);
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM pg_tables WHERE tablename = 'staging_marker'")).isZero();
        assertThat(PG.queryLong(fixture.previous(), "SELECT count(*) FROM staging_marker")).isEqualTo(1);
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertThat(PG.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE NOT datallowconn AND datname LIKE '"
                + fixture.staging + "%'")).as("connections allowed again").isZero();
    }

    @Test
    void aSwapFailingInsideItsTransactionLeavesTheOldStagingAndSaysSo() throws Exception {
        // given the second rename fails (the bug: the copy was dropped while staging sat under __previous and
        // the log said staging was not touched)
        resetStaging();
        CliResult sync = syncFailingAt("sync.swap.in-transaction");

        // then the job failed, staging holds its old data and accepts connections, and the message is true
        assertThat(sync.exitCode()).as(sync.all()).isEqualTo(1);
        assertThat(sync.all()).contains("still holds its old data (nothing was swapped)").contains("was not touched");
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
        assertThat(fixture.exists(fixture.incoming())).isFalse();
    }

    @Test
    void aSwapFailingAfterItsCommitSaysStagingHoldsTheNewCopyAndARestartFinishes() throws Exception {
        // given the swap committed and then failed
        resetStaging();
        CliResult sync = syncFailingAt("sync.swap.after-commit");

        // then the message says what staging holds, not that it was untouched
        assertThat(sync.exitCode()).as(sync.all()).isEqualTo(1);
        assertThat(sync.all()).contains("holds the new copy (the swap was committed)").doesNotContain("was not touched");

        // and a restart finishes the swap
        long failed = PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(failed));
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertThat(restart.all()).contains("the interrupted run had swapped it in");
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM users")).isEqualTo(40);
        assertThat(PG.queryLong(fixture.previous(), "SELECT count(*) FROM staging_marker")).isEqualTo(1);
        assertThat(PG.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE NOT datallowconn AND datname LIKE '"
                + fixture.staging + "%'")).isZero();
    }

    /** A sync in this JVM that throws at the failpoint. */
    private static CliResult syncFailingAt(String failpoint) {
        System.setProperty("nightshift.failpoint", failpoint + ":throw");
        try {
            return fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        } finally {
            System.clearProperty("nightshift.failpoint");
        }
    }

    private static void resetStaging() {
        for (String database : new String[] {fixture.staging, fixture.previous(), fixture.incoming()}) {
            PG.dropDatabase(database);
        }
        PG.execute("postgres", "CREATE DATABASE " + fixture.staging);
        PG.execute("postgres", "CREATE DATABASE " + fixture.previous());
        PG.execute(fixture.staging, "CREATE TABLE staging_marker (note text); INSERT INTO staging_marker VALUES ('old staging')");
    }
}
