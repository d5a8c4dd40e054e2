package dev.nightshift.backup;

import dev.nightshift.postgres.AdvisoryLock;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The guards: overlapping runs, protected environments, damaged artifacts. */
class BackupSafetyTest {

    static final TestPostgres pg = TestPostgres.get();
    static String prod;
    static String staging;
    static NightshiftFixture nightshift;

    @BeforeAll
    static void environments() {
        prod = pg.createDatabase("safety_prod");
        staging = pg.createDatabase("safety_staging");
        pg.execute(prod, "CREATE TABLE account (id int PRIMARY KEY, email text); INSERT INTO account VALUES (1, 'a@example.com')");
        pg.execute(staging, "CREATE TABLE staging_marker (id int)");
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", prod).protectedEnvironment().data("masked"))
                .environment("staging", new Environment().database("app", staging).protectedEnvironment().data("masked"))
                .environment("dev", new Environment().database("app", staging + "_dev"))
                .dropOnClose(prod).dropOnClose(staging).dropOnClose(staging + "_dev")
                .build();
    }

    @AfterAll
    static void cleanUp() {
        nightshift.close();
    }

    @Test
    void secondBackupOfTheSameDatabaseIsRefusedWhileTheFirstRuns() throws Exception {
        // given another run holding the backup lock of prod/app
        PGSimpleDataSource ops = new PGSimpleDataSource();
        ops.setURL(pg.jdbcUrl(nightshift.opsDatabase()));
        ops.setUser(pg.user());
        ops.setPassword(pg.password());
        long filesBefore = filesUnder(nightshift.backupDirectory().resolve("prod"));
        CliResult result;
        try (AdvisoryLock held = AdvisoryLock.tryAcquire(ops, BackupLock.name("prod", "app"), "nightshift other-host:42").orElseThrow()) {
            // when a second backup starts
            result = nightshift.cli("backup", "--env", "prod");
        }

        // then it says so, exits 1 and writes nothing
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("another backup, restore or sync of prod/app is running (nightshift other-host:42")
                .contains("this run did nothing").doesNotContain("jobs restart");
        assertThat(filesUnder(nightshift.backupDirectory().resolve("prod"))).isEqualTo(filesBefore);
    }

    @Test
    void verificationByRestoreOnAProtectedServerNeedsTheConfirmationFlag() throws Exception {
        // given prod is protected and no nightshift.backup.verify-environment is set
        long filesBefore = filesUnder(nightshift.backupDirectory().resolve("prod"));

        // when a backup asks to verify by restoring on prod's server
        CliResult refused = nightshift.cli("backup", "--env", "prod", "--verify", "restore");

        // then it is refused before dumping anything
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("protected environment 'prod'").contains("nightshift.backup.verify-environment")
                .contains("--confirm-production");
        assertThat(filesUnder(nightshift.backupDirectory().resolve("prod"))).isEqualTo(filesBefore);

        // and with the flag it runs
        CliResult confirmed = nightshift.cli("backup", "--env", "prod", "--verify", "restore", "--confirm-production");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(confirmed.all()).contains("every count matches");
    }

    @Test
    void restoreIntoAProtectedEnvironmentNeedsTheConfirmationFlag() {
        // given a verified backup of prod
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();

        // when it is restored into protected staging without --confirm-production
        CliResult refused = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging");

        // then it is refused with exit 3 and staging is untouched
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("environment 'staging' is protected").contains("--confirm-production");
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM pg_tables WHERE tablename = 'staging_marker'")).isEqualTo(1);

        // and with the flag it goes through
        CliResult confirmed = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "staging",
                "--confirm-production");
        assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM account")).isEqualTo(1);
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM pg_tables WHERE tablename = 'staging_marker'")).isZero();
    }

    @Test
    void damagedArtifactIsNotRestoredAndTheTargetStaysAsItWas() throws Exception {
        // given a backup whose artifact was damaged on disk
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
        Path artifact = newestArtifact();
        byte[] bytes = Files.readAllBytes(artifact);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(artifact, bytes);
        pg.dropDatabase(staging + "_dev");
        pg.execute("postgres", "CREATE DATABASE " + dev.nightshift.postgres.Identifiers.quote(staging + "_dev"));
        pg.execute(staging + "_dev", "CREATE TABLE dev_marker (id int)");

        // when it is restored into dev
        CliResult result = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "dev");

        // then the restore fails and dev is untouched, with no incoming copy left behind
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(pg.queryLong(staging + "_dev", "SELECT count(*) FROM pg_tables WHERE tablename = 'dev_marker'")).isEqualTo(1);
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + staging + "_dev__incoming'")).isZero();
    }

    @Test
    void restartingARestoreIntoAnEnvironmentThatBecameProtectedIsRefusedByTheJobItself() throws Exception {
        // given a restore into dev that failed (its artifact vanished) while dev was not protected
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
        Files.move(newestArtifact(), newestArtifact().resolveSibling("moved-away"));
        CliResult failed = nightshift.cli("restore", "--env", "prod", "--database", "app", "--into", "dev");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        long id = pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");

        // when dev is marked protected and the restore is restarted, which bypasses the command's own check
        String config = Files.readString(nightshift.config());
        int dev = config.indexOf("    dev:");
        Files.writeString(nightshift.config(), config.substring(0, dev)
                + config.substring(dev).replaceFirst("protected: false", "protected: true"));
        CliResult restart;
        try {
            restart = nightshift.cli("jobs", "restart", Long.toString(id));
        } finally {
            Files.writeString(nightshift.config(), config);
        }

        // then the job refuses with exit 3
        assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(3);
        assertThat(restart.err()).contains("environment 'dev' is protected");
    }

    private static Path newestArtifact() throws Exception {
        try (Stream<Path> files = Files.list(nightshift.backupDirectory().resolve("prod/app"))) {
            return files.filter(f -> f.toString().endsWith(".dump.zst")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private static long filesUnder(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
