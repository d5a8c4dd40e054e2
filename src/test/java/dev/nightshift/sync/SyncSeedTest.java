package dev.nightshift.sync;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;

import static org.assertj.core.api.Assertions.assertThat;

/** Staging's seed data goes into the verified copy before the swap, so QA accounts exist the moment it is live. */
class SyncSeedTest {

    private static final TestPostgres PG = TestPostgres.get();

    @Test
    void stagingSeedsArePresentAfterTheSyncAndWereAppliedBeforeTheSwap() throws Exception {
        // given staging seed data for the auth database
        Path seeds = Files.createTempDirectory("seeds");
        Files.createDirectories(seeds.resolve("auth/staging"));
        Files.createDirectories(seeds.resolve("auth/production"));
        Files.writeString(seeds.resolve("auth/staging/001_qa_role.sql"), "INSERT INTO roles (name, description)"
                + " VALUES ('qa_tester', 'QA accounts of staging') ON CONFLICT (name) DO NOTHING");
        Files.writeString(seeds.resolve("auth/production/001_never_here.sql"), "INSERT INTO roles (name, description)"
                + " VALUES ('prod_only', 'must not reach staging') ON CONFLICT (name) DO NOTHING");
        try (SyncFixture fixture = SyncFixture.builder().users(60)
                .setting("migration: {seed-directory: \"" + seeds + "\"}").build()) {
            // when
            CliResult sync = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");

            // then
            assertThat(sync.exitCode()).as(sync.all()).isZero();
            assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM roles WHERE name = 'qa_tester'")).isEqualTo(1);
            assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM roles WHERE name = 'prod_only'")).isZero();
            assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM nightshift_seed_history")).isEqualTo(1);
            assertThat(PG.queryLong(fixture.prod, "SELECT count(*) FROM roles WHERE name = 'qa_tester'")).as("production").isZero();
            Timestamp seeded = timestamp(fixture, "sync.seed", "end_time");
            Timestamp swapped = timestamp(fixture, "sync.swap", "start_time");
            assertThat(seeded).as("seed step ended before the swap started").isBeforeOrEqualTo(swapped);
        }
    }

    private static Timestamp timestamp(SyncFixture fixture, String step, String column) throws Exception {
        try (var c = PG.connect(fixture.nightshift.opsDatabase());
             var s = c.prepareStatement("SELECT " + column + " FROM nightshift.batch_step_execution WHERE step_name = ?"
                     + " AND status = 'COMPLETED' ORDER BY step_execution_id DESC LIMIT 1")) {
            s.setString(1, step);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).as(step + " completed").isTrue();
                return rs.getTimestamp(1);
            }
        }
    }
}
