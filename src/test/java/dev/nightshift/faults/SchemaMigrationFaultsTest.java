package dev.nightshift.faults;

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

import static org.assertj.core.api.Assertions.assertThat;

/** A schema migration whose server stops answering mid-migration ends within the stall timeout; the next run migrates. */
class SchemaMigrationFaultsTest {

    private static final String[] MIGRATE = {"migrate-schema", "--env", "prod", "--database", "auth", "migrate"};

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
    @Covers(FaultCase.SCHEMA_MIGRATION_TARGET_STALL)
    void stalledServerMidMigrationEndsWithinTheStallTimeoutAndTheNextRunMigrates() throws Exception {
        // given a database at version 001, reached through a proxy that stops forwarding (nothing closed) 1 kB
        // into the migration to 002: Flyway's idle connections and a long DDL look alike to keepalives
        String database = pg.createDatabase("fault_schema");
        Path schema = Files.createTempDirectory("nightshift-schema");
        Files.createDirectories(schema.resolve("auth"));
        Files.writeString(schema.resolve("auth/V001__initial_schema.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", database).host(targetProxy.host()).port(targetProxy.port()))
                .setting("migration: {schema-directory: " + schema + "}")
                .setting(Stalls.TWO_SECONDS)
                .dropOnClose(database)
                .build();
        CliResult first = nightshift.cli(MIGRATE);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Files.writeString(schema.resolve("auth/V002__add_role.sql"), "ALTER TABLE users ADD COLUMN role text;\n");
        Failpoint.whenReached("schema.migrate.before", () -> targetProxy.afterClientBytes(1024, targetProxy::stall));
        Stalls.endTheHangOnceTheWatchGaveUp(targetProxy);

        // when
        CliResult stalled = Stalls.runsWithinTheLimits(nightshift, MIGRATE);

        // then one line says what stalled and which setting, and names the backup to return to
        assertThat(stalled.exitCode()).as(stalled.toString()).isEqualTo(1);
        FaultAssertions.oneOutcomeLine(stalled.all(), FaultCase.SCHEMA_MIGRATION_TARGET_STALL);
        assertThat(stalled.all()).contains("nightshift.connections.stall-timeout").contains("To return to the state before this run");
        assertThat(pg.queryLong(database, "SELECT count(*) FROM flyway_schema_history WHERE version = '002' AND success"))
                .as("002 not recorded as applied").isZero();
        FaultAssertions.assertNoJobLeftRunning(nightshift);

        // and the next run migrates to 002
        CliResult next = nightshift.cli(MIGRATE);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(pg.queryLong(database, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"
                + " AND column_name = 'role'")).isEqualTo(1);
    }
}
