package dev.nightshift.backup;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nightshift backups test-restore}: the newest verified backup is restored into a throwaway database,
 * timed, compared with its manifest, recorded and shown by {@code nightshift backups}; the throwaway
 * database is dropped also when the restore fails; a protected server is not used without confirmation.
 */
class TestRestoreTest {

    static final TestPostgres pg = TestPostgres.get();

    String prod;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        nightshift.close();
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'nightshift\\_scratch\\_test\\_restore\\_%'"))
                .as("throwaway databases are dropped").isZero();
    }

    /** A protected prod with the demo schema, and a staging server for scratch restores unless told otherwise. */
    NightshiftFixture prod(String... backupSettings) throws Exception {
        prod = pg.createDatabase("testrestore_prod");
        try (Connection c = pg.connect(prod)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 80, 3);
        }
        var builder = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", prod).protectedEnvironment().data("masked"))
                .environment("staging", new Environment().database("auth", "unused_staging_auth"))
                .dropOnClose(prod);
        for (String setting : backupSettings) {
            builder.backupSetting(setting);
        }
        nightshift = builder.build();
        return nightshift;
    }

    @Test
    void restoresTheNewestBackupComparesEveryRowCountAndShowsTheResult() throws Exception {
        // given a backup verified by restore (its manifest has row counts)
        prod("verify-environment: staging");
        assertThat(nightshift.cli("backup", "--env", "prod", "--verify", "restore").exitCode()).isZero();
        long rows = pg.queryLong(prod, "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM sessions)");
        assertThat(rows).isPositive();

        // when
        CliResult test = nightshift.cli("backups", "test-restore", "--env", "prod");

        // then it passed, with the measured time, and the listing shows it
        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.out()).containsPattern("backup #1: passed in \\d+\\.\\d s \\(measured RTO\\); restored \\d+ tables, \\d+ rows;"
                + " every row count matches the manifest");
        assertThat(nightshift.cli("backups", "--env", "prod").out())
                .contains("Last test restore per database")
                .containsPattern("auth\\s+backup #1\\s+.*passed\\s+\\d+\\.\\d s  restored");
        assertThat(pg.queryLong(nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.backup_test_restore WHERE succeeded AND scratch_environment = 'staging'"
                        + " AND duration_ms > 0 AND row_count > 0")).isEqualTo(1);
    }

    @Test
    void aBackupVerifiedByListIsComparedRowByRow() throws Exception {
        // given a backup verified by list: its manifest has the row counts of its own dump stream
        prod("verify-environment: staging");
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();

        // when
        CliResult test = nightshift.cli("backups", "test-restore", "--env", "prod", "--database", "auth");

        // then every table was compared
        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.out()).contains("every row count matches the manifest");
    }

    @Test
    void aRowCountThatDiffersFromTheManifestFailsAndNamesTheTable() throws Exception {
        // given a backup whose manifest was doctored to claim one more user than the dump holds
        prod("verify-environment: staging");
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
        long users = pg.queryLong(prod, "SELECT count(*) FROM users");
        Path manifest;
        try (Stream<Path> files = Files.list(nightshift.backupDirectory().resolve("prod/auth"))) {
            manifest = files.filter(f -> f.toString().endsWith(BackupStorage.MANIFEST)).findFirst().orElseThrow();
        }
        String json = Files.readString(manifest);
        String doctored = json.replaceFirst("\"public\\.users\" : " + users + "\\b", "\"public.users\" : " + (users + 1));
        assertThat(doctored).isNotEqualTo(json);
        Files.writeString(manifest, doctored);

        // when
        CliResult test = nightshift.cli("backups", "test-restore", "--env", "prod");

        // then exit 1, naming the table and both counts, and the failure is recorded
        assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
        assertThat(test.all()).contains("public.users has " + users + " rows, expected " + (users + 1));
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup_test_restore"
                + " WHERE NOT succeeded AND detail LIKE '%public.users has%'")).isEqualTo(1);
    }

    @Test
    void aDamagedArtifactFailsIsRecordedAndItsThrowawayDatabaseIsDropped() throws Exception {
        // given the newest backup's artifact lost its tail
        prod("verify-environment: staging");
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
        Path artifact;
        try (Stream<Path> files = Files.list(nightshift.backupDirectory().resolve("prod/auth"))) {
            artifact = files.filter(f -> f.toString().endsWith(".dump.zst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(artifact);
        Files.write(artifact, java.util.Arrays.copyOf(bytes, bytes.length / 2), StandardOpenOption.TRUNCATE_EXISTING);

        // when
        CliResult test = nightshift.cli("backups", "test-restore", "--env", "prod");

        // then exit 1, the failure recorded and listed (cleanUp checks the throwaway database is gone)
        assertThat(test.exitCode()).as(test.toString()).isEqualTo(1);
        assertThat(test.err()).contains("test restore of prod/auth failed");
        assertThat(nightshift.cli("backups", "--env", "prod").out()).containsPattern("auth\\s+backup #1\\s+.*FAILED");
    }

    @Test
    void refusesAProtectedServerWithoutConfirmation() throws Exception {
        // given no verify-environment: the scratch database would go on prod's own, protected server
        prod();
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();

        // when
        CliResult refused = nightshift.cli("backups", "test-restore", "--env", "prod");
        CliResult confirmed = nightshift.cli("backups", "test-restore", "--env", "prod", "--confirm-production");

        // then exit 3 without the flag, and it runs with it
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("protected environment 'prod'").contains("--confirm-production");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
    }
}
