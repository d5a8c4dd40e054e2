package dev.nightshift.migration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash window between a batch's commit on the target and its record in the ops database: the restart
 * must count a committed batch once (not redo it) and redo a rolled-back one.
 */
class PendingBatchTest {

    MigrationFixture fixture;
    MigrationProgress progress;

    @BeforeEach
    void progressOfARun() {
        fixture = MigrationFixture.builder().rows(100).build();
        assertThat(fixture.nightshift.cli("migrate-data", "--list").exitCode()).isZero(); // creates the ops schema
        var ops = new DriverManagerDataSource(fixture.pg.jdbcUrl(fixture.nightshift.opsDatabase()), fixture.pg.user(), fixture.pg.password());
        progress = new MigrationProgress(ops, 7L);
        progress.open("touch_accounts", "prod", "sha");
    }

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @Test
    void aBatchThatCommittedOnTheTargetButWasNotRecordedCountsOnce() throws Exception {
        // given a batch recorded as pending, committed on the target, and the process gone before recording it
        try (Connection target = fixture.pg.connect(fixture.database)) {
            String xid = touchTenRows(target);
            progress.pending(xid, new KeyRange(null, List.of("30"), 10), 10);
            target.commit();

            // when the restart settles it
            PendingBatch.settle(target, progress, xid, "test");
        }

        // then the batch counts, and the next range starts after it
        MigrationProgress.State state = progress.state();
        assertThat(state.lastKey()).containsExactly("30");
        assertThat(state.rowsAffected()).isEqualTo(10);
        assertThat(state.batches()).isEqualTo(1);
        assertThat(state.pendingXid()).isNull();
        assertThat(fixture.query("SELECT count(*) FROM account WHERE touched = 1")).isEqualTo(10);
    }

    @Test
    void aBatchThatRolledBackIsRedone() throws Exception {
        // given a pending batch whose transaction never committed
        try (Connection target = fixture.pg.connect(fixture.database)) {
            String xid = touchTenRows(target);
            progress.pending(xid, new KeyRange(null, List.of("30"), 10), 10);
            target.rollback();

            PendingBatch.settle(target, progress, xid, "test");
        }

        // then nothing counts, and the next run starts from the beginning again
        MigrationProgress.State state = progress.state();
        assertThat(state.lastKey()).isNull();
        assertThat(state.rowsAffected()).isZero();
        assertThat(state.pendingXid()).isNull();
    }

    private static String touchTenRows(Connection target) throws Exception {
        target.setAutoCommit(false);
        try (Statement statement = target.createStatement()) {
            statement.executeUpdate("UPDATE account SET touched = touched + 1 WHERE id <= 30");
            try (ResultSet rs = statement.executeQuery("SELECT txid_current()::text")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
