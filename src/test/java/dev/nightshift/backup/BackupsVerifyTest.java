package dev.nightshift.backup;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import dev.nightshift.testsupport.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nightshift backups verify}: every retained artifact is re-read without a restore; a flipped byte or a
 * cut object (local or S3) is found, recorded, reported (exit 1) and never counted as verified again, and
 * {@code backups check} names artifacts that failed or were not re-read in time.
 */
class BackupsVerifyTest {

    static final TestPostgres pg = TestPostgres.get();

    NightshiftFixture nightshift;
    String bucket;

    @AfterEach
    void cleanUp() {
        if (nightshift != null) {
            nightshift.close();
        }
    }

    /** Two verified backups of prod/app, kept by keep-last 2, in the local directory or in a fresh bucket. */
    void twoBackups(boolean onS3, String... settings) {
        String prod = pg.createDatabase("reread_prod");
        pg.execute(prod, ArchiveRowCounterTest.TRICKY_TABLES);
        var builder = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", prod)).dropOnClose(prod)
                .backupSetting("retention: {keep-last: 2, hourly: 0, daily: 0, weekly: 0, monthly: 0}");
        if (onS3) {
            bucket = TestS3.get().createBucket();
            builder.backupSetting(TestS3.get().storageSetting(bucket, "team-a"));
        }
        for (String setting : settings) {
            builder.backupSetting(setting);
        }
        nightshift = builder.build();
        for (int i = 0; i < 2; i++) {
            CliResult backup = nightshift.cli("backup", "--env", "prod");
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
        }
    }

    /** Rewrites the older (#1) artifact's stored bytes. */
    void damageOldest(UnaryOperator<byte[]> damage) throws Exception {
        String artifact = pgQuery("SELECT artifact FROM nightshift.backup WHERE id = 1");
        if (bucket == null) {
            Path file = nightshift.backupDirectory().resolve(artifact);
            Files.write(file, damage.apply(Files.readAllBytes(file)));
        } else {
            String key = "team-a/" + artifact;
            byte[] bytes = TestS3.get().read(bucket, key);
            TestS3.get().client().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(damage.apply(bytes)));
        }
    }

    static byte[] flipOneByte(byte[] bytes) {
        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 0x10;
        return flipped;
    }

    static byte[] cutInHalf(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    String pgQuery(String sql) {
        try (var c = pg.connect(nightshift.opsDatabase()); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void intactArtifactsPassAndTheListingShowsWhenTheyWereReRead() {
        // given
        twoBackups(false);

        // when
        CliResult verify = nightshift.cli("backups", "verify", "--env", "prod");

        // then both were re-read in full and recorded
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).containsPattern("ok +prod/app backup #2 .*checksum, table of contents and row counts"
                + " match \\(10 tables, 10818 rows\\)").containsPattern("ok +prod/app backup #1 ");
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup"
                + " WHERE reread_passed AND reread_at > now() - interval '5 minutes' AND verified")).isEqualTo(2);
        assertThat(nightshift.cli("backups", "--env", "prod").out()).containsPattern("yes +re-read 0m\\d+s ago");
        assertThat(nightshift.cli("backups", "check", "--env", "prod").exitCode()).isZero();
    }

    @Test
    void aFlippedByteInAnOldLocalArtifactIsFoundAndNoLongerCountedByRetention() throws Exception {
        damagedArtifactIsFoundAndNoLongerCounted(false, BackupsVerifyTest::flipOneByte, "checksum mismatch");
    }

    @Test
    void aFlippedByteInAnOldS3ObjectIsFoundAndNoLongerCountedByRetention() throws Exception {
        damagedArtifactIsFoundAndNoLongerCounted(true, BackupsVerifyTest::flipOneByte, "checksum mismatch");
    }

    @Test
    void aTruncatedS3ObjectIsFound() throws Exception {
        damagedArtifactIsFoundAndNoLongerCounted(true, BackupsVerifyTest::cutInHalf, "checksum mismatch");
    }

    @Test
    void aTruncatedLocalArtifactIsFound() throws Exception {
        damagedArtifactIsFoundAndNoLongerCounted(false, BackupsVerifyTest::cutInHalf, "checksum mismatch");
    }

    void damagedArtifactIsFoundAndNoLongerCounted(boolean onS3, UnaryOperator<byte[]> damage, String found) throws Exception {
        // given two verified backups, both kept by keep-last 2, and damage to the older one
        twoBackups(onS3);
        assertThat(nightshift.cli("prune", "--env", "prod", "--dry-run").out()).containsPattern("keep +#1 .*keep-last 2/2");
        damageOldest(damage);

        // when
        CliResult verify = nightshift.cli("backups", "verify", "--env", "prod");

        // then exit 1 naming the artifact, the newer one passed, the failure recorded for good
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.err()).containsPattern("FAILED +prod/app backup #1 .*" + found);
        assertThat(verify.out()).containsPattern("ok +prod/app backup #2 ");
        assertThat(pgQuery("SELECT reread_passed || ' ' || verified FROM nightshift.backup WHERE id = 1")).isEqualTo("false false");
        // and retention no longer counts it: keep-last 2 now has only one verified backup to keep
        assertThat(nightshift.cli("prune", "--env", "prod", "--dry-run").out())
                .containsPattern("keep +#2 .*newest verified").containsPattern("delete +#1 .*unverified");
        // and the check and the listing say so
        CliResult check = nightshift.cli("backups", "check", "--env", "prod");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("backup #1 failed its re-read");
        assertThat(nightshift.cli("backups", "--env", "prod").out()).containsPattern("NO +re-read FAILED ");
        // and a restore of it is refused, saying why
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "app", "--backup", "1", "--into", "prod");
        assertThat(restore.exitCode()).isEqualTo(2);
        assertThat(restore.err()).contains("backup #1 failed its re-read (" + found);
        // and a later run skips it unless asked, and it stays failed even so
        assertThat(nightshift.cli("backups", "verify", "--env", "prod").exitCode()).isZero();
        assertThat(nightshift.cli("backups", "verify", "--env", "prod", "--all").exitCode()).isEqualTo(1);
    }

    @Test
    void aMissingArtifactFails() throws Exception {
        // given the older artifact deleted behind Nightshift's back
        twoBackups(false);
        Files.delete(nightshift.backupDirectory().resolve(pgQuery("SELECT artifact FROM nightshift.backup WHERE id = 1")));

        // when
        CliResult verify = nightshift.cli("backups", "verify", "--env", "prod", "--database", "app");

        // then
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).containsPattern("FAILED +prod/app backup #1 .*is missing");
    }

    @Test
    void anEncryptedArtifactIsDecryptedAndARowCountThatDiffersFromTheCatalogFails() throws Exception {
        // given encrypted backups, and a catalog whose row count of one table no longer matches backup #1
        Path keyset = Files.createTempFile("keyset", ".json");
        Files.writeString(keyset, BackupJobs.generateKeyset());
        twoBackups(false, "encryption: {keyset-file: " + keyset + "}");
        pg.execute(nightshift.opsDatabase(), "UPDATE nightshift.backup SET row_counts = jsonb_set(row_counts,"
                + " '{public.notes}', '9') WHERE id = 1");

        // when
        CliResult verify = nightshift.cli("backups", "verify", "--env", "prod");

        // then the encrypted #2 passed in full, #1 failed naming the table
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.out()).containsPattern("ok +prod/app backup #2 .*row counts match");
        assertThat(verify.err()).contains("public.notes has 8 rows, expected 9");
    }

    @Test
    void theCheckNamesArtifactsNotReReadWithinTheConfiguredAge() {
        // given a re-read age so short that the backups are already past it
        twoBackups(false, "freshness: {reread-max-age: 1ms}");

        // when
        CliResult check = nightshift.cli("backups", "check", "--env", "prod");

        // then
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("backup #2 was not re-read for").contains("nightshift backups verify --env prod");
        assertThat(List.of(check.err().split("backup #")).size()).isGreaterThan(2);
    }

    @Test
    void theDefaultSchedulesReReadEveryEnvironmentWeekly() throws Exception {
        String schedules = Files.readString(Path.of("jobs/schedules.yml"));
        for (String env : List.of("prod", "staging", "dev")) {
            assertThat(schedules).containsPattern("\\{name: backup-verify, cron: \"\\d+ \\d+ \\* \\* \\d\","
                    + " args: \\[backups, verify, --env, " + env + "]");
        }
        try (Stream<Path> cron = Files.list(Path.of("cron"))) {
            assertThat(cron.map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).anyMatch(text -> text.contains("backups verify --env prod"));
        }
    }
}
