package dev.nightshift.backup;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nightshift backups check} on a synthetic catalog: stale, shrunken and missing backups are each named. */
class BackupFreshnessCheckTest {

    static final TestPostgres pg = TestPostgres.get();

    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    /**
     * Four databases of prod (none needs to exist: the check reads the catalog only), max age 24h, and no
     * backup schedule (the repository's jobs/schedules.yml would set prod's max age from its hourly backups).
     */
    NightshiftFixture prodWithFourDatabases(String... freshness) {
        var builder = NightshiftFixture.builder()
                .setting("schedule: {file: {home}/no-schedules.yml}")
                .environment("prod", new Environment().database("auth", "auth_db").database("billing", "billing_db")
                        .database("users", "users_db").database("ledger", "ledger_db"))
                .backupSetting("freshness: {max-age: 24h, min-size-ratio: 0.5" + String.join("", freshness) + "}");
        nightshift = builder.build();
        // the first command applies the ops schema
        assertThat(nightshift.cli("backups", "--env", "prod").exitCode()).isZero();
        return nightshift;
    }

    void cataloged(String logical, Duration age, long size, boolean verified) {
        Instant started = Instant.now().minus(age);
        pg.execute(nightshift.opsDatabase(), "INSERT INTO nightshift.backup (environment, logical_database, database_name,"
                + " artifact, compression, size_bytes, sha256, started_at, finished_at, server_version, pg_dump_version,"
                + " table_count, verified, verification) VALUES ('prod', '" + logical + "', '" + logical + "_db', 'prod/"
                + logical + "/" + started.toEpochMilli() + ".dump.zst', 'zstd', " + size + ", 'x', '" + started + "', '"
                + started.plusSeconds(60) + "', '16', '16', 3, " + verified + ", 'synthetic')");
    }

    @Test
    void namesEveryStaleShrunkenOrMissingBackupAndPassesTheRest() {
        // given: auth fine (a tiny unverified backup after it is ignored), billing stale, users shrunk, ledger none
        prodWithFourDatabases();
        cataloged("auth", Duration.ofHours(26), 1_000_000, true);
        cataloged("auth", Duration.ofHours(2), 1_100_000, true);
        cataloged("auth", Duration.ofMinutes(30), 10, false);
        cataloged("billing", Duration.ofHours(30), 5_000_000, true);
        cataloged("users", Duration.ofHours(25), 1_000_000, true);
        cataloged("users", Duration.ofHours(1), 300_000, true);

        // when
        CliResult check = nightshift.cli("backups", "check", "--env", "prod");

        // then exit 1, each offender named with its reason, the healthy one listed as ok
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("ok      prod/auth: backup #2").doesNotContain("billing").doesNotContain("users");
        assertThat(check.err())
                .containsPattern("FAILED  prod/billing: newest verified backup #4 is 1d6h old, more than the allowed 1d0h")
                .containsPattern("FAILED  prod/users: newest verified backup #6 has 293.0 KiB, less than 0.5 x the 976.6 KiB of #5")
                .contains("FAILED  prod/ledger has no verified backup")
                .doesNotContain("auth");
    }

    @Test
    void theMaximumAgeFollowsTheBackupScheduleWhenThereIsOne() throws Exception {
        // given prod's backups scheduled hourly with a 55 minute timeout (so at most 1h55m old) except billing's, daily
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", "auth_db").database("billing", "billing_db"))
                .backupSetting("freshness: {max-age: 24h}")
                .setting("schedule: {file: {home}/schedules.yml}")
                .build();
        java.nio.file.Files.writeString(nightshift.home().resolve("schedules.yml"), """
                image: nightshift:test
                environments:
                  prod:
                    time-zone: UTC
                    schedules:
                      - {name: backup, cron: "0 * * * *", args: [backup, --env, prod, --database, auth], timeout: 55m}
                      - {name: backup-billing, cron: "30 2 * * *", args: [backup, --env, prod, --database, billing], timeout: 1h}
                """);
        assertThat(nightshift.cli("backups", "--env", "prod").exitCode()).isZero();
        cataloged("auth", Duration.ofHours(3), 1_000_000, true);
        cataloged("billing", Duration.ofHours(20), 1_000_000, true);

        // when
        CliResult check = nightshift.cli("backups", "check", "--env", "prod");

        // then auth's 3 h old backup is too old for an hourly schedule, billing's 20 h one is fine for a daily one
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.err()).contains("FAILED  prod/auth: newest verified backup #1 is 3h0m old, more than the allowed 1h55m");
        assertThat(check.out()).contains("ok      prod/billing");
    }

    @Test
    void theEnvironmentsOwnMaximumAgeOverridesTheDefault() {
        // given prod allows 48h, and billing's newest backup is 30h old
        prodWithFourDatabases(", max-age-by-environment: {prod: 48h}");
        cataloged("billing", Duration.ofHours(30), 5_000_000, true);

        // when only billing is checked
        CliResult check = nightshift.cli("backups", "check", "--env", "prod", "--database", "billing");

        // then it passes
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("ok      prod/billing: backup #1, 1d6h old (max 2d0h)");
    }

    @Test
    void listingWithoutAnEnvironmentIsAUsageError() {
        // given (--env is checked by the command, not by picocli, so `backups check --env` needs it only once)
        prodWithFourDatabases();

        // when
        CliResult listing = nightshift.cli("backups");

        // then
        assertThat(listing.exitCode()).isEqualTo(2);
        assertThat(listing.err()).contains("Missing required option: '--env=ENV'").contains("nightshift backups --help");
    }
}
