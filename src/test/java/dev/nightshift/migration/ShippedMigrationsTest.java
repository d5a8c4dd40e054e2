package dev.nightshift.migration;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations shipped in jobs/ work on the demo database they were written for, as the README shows them.
 * Also guards a hang found with V003: Flyway's default transactional lock made CREATE INDEX CONCURRENTLY wait forever.
 */
class ShippedMigrationsTest {

    final TestPostgres pg = TestPostgres.get();
    String database;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void schemaThenBackfillThenPurgeOnTheDemoDatabase() throws Exception {
        // given the demo auth database, and Nightshift pointed at the repository's jobs/ folder
        database = pg.createDatabase("shipped");
        try (Connection c = pg.connect(database)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 300, 7);
        }
        nightshift = NightshiftFixture.builder().environment("prod", new Environment().database("auth", database))
                .setting("migration: {directory: " + Path.of("jobs/migrations").toAbsolutePath() + ", schema-directory: "
                        + Path.of("jobs/schema").toAbsolutePath() + ", schema-baseline-version: \"001\"}")
                .dropOnClose(database).build();

        // when the schema migrations and the backfill run
        CliResult schema = nightshift.cli("migrate-schema", "--env", "prod", "migrate");
        CliResult backfill = nightshift.cli("migrate-data", "backfill_email_hash", "--env", "prod", "--param", "algorithm=sha512");

        // then the column and its index exist and every user has the digest of the lower-cased address
        assertThat(schema.exitCode()).as(schema.toString()).isZero();
        assertThat(schema.out()).contains("to 003 (2 migration(s))");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_hash_idx'")).isEqualTo(1);
        assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
        assertThat(pg.queryLong(database, "SELECT count(*) FROM users"
                + " WHERE email_hash = encode(sha512(convert_to(lower(email), 'UTF8')), 'hex')")).isEqualTo(300);

        // and the purge needs its cut-off day, and its dry run deletes nothing
        long auditRows = pg.queryLong(database, "SELECT count(*) FROM audit_log");
        CliResult withoutDay = nightshift.cli("migrate-data", "purge_audit_log", "--env", "prod");
        assertThat(withoutDay.exitCode()).isEqualTo(2);
        assertThat(withoutDay.err()).contains("parameter 'before' is required (date); pass --param before=VALUE");
        CliResult dryRun = nightshift.cli("migrate-data", "purge_audit_log", "--env", "prod", "--param", "before=2100-01-01", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("Delete on audit_log");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM audit_log")).isEqualTo(auditRows).isPositive();

        // and the shipped undo scripts take the schema back to 001, and it migrates forward again
        CliResult rollback = nightshift.cli("migrate-schema", "--env", "prod", "--database", "auth", "rollback", "--to", "001");
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(pg.queryLong(database, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'email_hash'")).isZero();
        CliResult again = nightshift.cli("migrate-schema", "--env", "prod", "migrate");
        assertThat(again.out()).as(again.toString()).contains("to 003 (2 migration(s))");
    }
}
