package dev.nightshift.backup;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.SlowPgDump;
import dev.nightshift.testsupport.TestPostgres;
import dev.nightshift.testsupport.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups in an S3-compatible bucket (S3Proxy in the test JVM): upload, listing, retention, restore and the
 * staging sync from a backup work as on the local directory, and the bucket only ever holds complete backups.
 */
class S3BackupStorageTest {

    static final TestPostgres pg = TestPostgres.get();
    static final TestS3 s3 = TestS3.get();

    String bucket;
    String prod;
    String staging;
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        if (nightshift != null) {
            nightshift.close();
        }
    }

    /** A protected prod with the demo schema, an empty staging, backups in a fresh bucket below {@code team-a/}. */
    NightshiftFixture.Builder prodAndStagingOnS3(String... backupSettings) throws Exception {
        return prodAndStagingInBucket(s3.createBucket(), backupSettings);
    }

    NightshiftFixture.Builder prodAndStagingInBucket(String bucketName, String... backupSettings) throws Exception {
        return prodAndStagingWithStorage(s3.storageSetting(bucketName, "team-a"), backupSettings);
    }

    NightshiftFixture.Builder prodAndStagingWithStorage(String storage, String... backupSettings) throws Exception {
        bucket = storage.replaceAll(".*bucket: ([^,]+),.*", "$1");
        prod = pg.createDatabase("s3_prod");
        staging = "s3_staging_" + System.nanoTime();
        try (Connection c = pg.connect(prod)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 200, 11);
        }
        NightshiftFixture.Builder builder = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", prod).protectedEnvironment().data("masked"))
                .environment("staging", new Environment().database("auth", staging))
                .backupSetting(storage)
                .backupSetting("verify-environment: staging")
                .dropOnClose(prod).dropOnClose(staging).dropOnClose(staging + "__incoming");
        for (String setting : backupSettings) {
            builder.backupSetting(setting);
        }
        return builder;
    }

    @Test
    void backupUploadsToTheBucketAndRestoreReadsItBack() throws Exception {
        // given backups go to S3
        nightshift = prodAndStagingOnS3().build();

        // when a backup verified by a full restore is taken, then restored into staging
        CliResult backup = nightshift.cli("backup", "--env", "prod", "--verify", "restore");
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");

        // then the bucket holds the artifact, its checksum and its manifest, nothing on the local disk
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.all()).contains("every count matches");
        List<String> keys = s3.keys(bucket);
        assertThat(keys).hasSize(3).allMatch(k -> k.startsWith("team-a/prod/auth/prod-auth-"));
        String artifact = keys.stream().filter(k -> k.endsWith(".dump.zst")).findFirst().orElseThrow();
        assertThat(keys).contains(artifact + ".sha256", artifact + ".manifest.json");
        assertThat(nightshift.backupDirectory().resolve("prod")).doesNotExist();
        // and the catalog and manifest name the storage and the checksum of the bytes actually stored
        BackupManifest manifest = BackupManifest.parse(new String(s3.read(bucket, artifact + ".manifest.json")));
        assertThat(manifest.storage()).isEqualTo("s3://" + bucket + "/team-a");
        assertThat(manifest.sha256()).isEqualTo(sha256(s3.read(bucket, artifact)));
        assertThat(nightshift.cli("backups", "--env", "prod").out()).contains("prod/auth/prod-auth-").contains(" yes ");
        // and the restore equals production
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(DatabaseSnapshot.rowCounts(staging)).isEqualTo(DatabaseSnapshot.rowCounts(prod))
                .containsEntry("public.users", 200L);
        assertThat(s3.unfinishedUploads(bucket)).isZero();
        // and the S3 secret appears in no output, log line or manifest
        assertThat(backup.all() + restore.all() + new String(s3.read(bucket, artifact + ".manifest.json")))
                .doesNotContain("nightshift-test-secret");
    }

    @Test
    void retentionDeletesTheObjectsOfPrunedBackups() throws Exception {
        // given retention keeps only the newest backup
        // (and the SDK's own checksums off, as for servers that reject them: the read-back still guards the upload)
        nightshift = prodAndStagingWithStorage(s3.storageSetting(s3.createBucket(), "team-a")
                        .replace("}}", ", sdk-checksums: false}}"),
                "retention: {keep-last: 1, hourly: 0, daily: 0, weekly: 0, monthly: 0}").build();
        assertThat(nightshift.cli("backup", "--env", "prod", "--run-key", "first").exitCode()).isZero();
        List<String> first = s3.keys(bucket);

        // when a second backup is taken (one second later, so it gets its own name)
        Thread.sleep(1100);
        CliResult second = nightshift.cli("backup", "--env", "prod", "--run-key", "second");

        // then the first backup's three objects are gone and one backup is listed
        assertThat(second.exitCode()).as(second.toString()).isZero();
        List<String> now = s3.keys(bucket);
        assertThat(now).hasSize(3).doesNotContainAnyElementsOf(first);
        assertThat(nightshift.cli("backups", "--env", "prod").out().lines().filter(l -> l.contains("prod-auth-")).count())
                .isEqualTo(1);
    }

    @Test
    void theStagingSyncReadsAnEncryptedBackupFromTheBucket() throws Exception {
        // given encrypted backups in the bucket and the repository's masking rules
        Path keyset = Files.createTempDirectory("nightshift-keys").resolve("keyset.json");
        Path salt = Files.createTempFile("salt", ".txt");
        Files.writeString(salt, "test-salt-0123456789abcdef");
        nightshift = prodAndStagingOnS3("encryption: {keyset-file: \"" + keyset + "\"}")
                .setting("sync: {rules-directory: \"" + Path.of("jobs/masking").toAbsolutePath() + "\", salt-file: \""
                        + salt + "\", work-directory: \"{home}/sync\"}")
                .dropOnClose(staging + "__previous")
                .build();
        assertThat(nightshift.cli("backups", "keygen", "--out", keyset.toString()).exitCode()).isZero();
        CliResult backup = nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(s3.keys(bucket)).anyMatch(k -> k.endsWith(".dump.zst.tink"));

        // when staging is synced from that backup
        CliResult sync = nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "backup");

        // then staging has production's rows (sessions are structure only, by the rules), masked
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        var expected = new java.util.TreeMap<>(DatabaseSnapshot.rowCounts(prod));
        expected.put("public.sessions", 0L);
        assertThat(DatabaseSnapshot.rowCounts(staging)).isEqualTo(expected);
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM users WHERE email NOT LIKE 'user\\_%@test.example.com'"))
                .isZero();
        assertThat(sync.all()).containsPattern("backup #\\d+");
    }

    @Test
    void anUploadKilledMidwayIsNeverListedAndTheNextRunAbortsIt() throws Exception {
        // given a dump that spans several 5MB parts, and a pg_dump that stalls after writing all of it
        SlowPgDump slowPgDump = SlowPgDump.create(Files.createTempDirectory("nightshift-slow"));
        nightshift = prodAndStagingOnS3().setting("postgres: {bin-dir: " + slowPgDump.binDir() + "}").build();
        pg.execute(prod, "CREATE TABLE payload (id int, data text); INSERT INTO payload"
                + " SELECT g, md5(random()::text) || md5(random()::text) FROM generate_series(1, 400000) g");

        // when the backup is killed (SIGKILL) after some parts were uploaded
        Process backup = nightshift.spawn("backup", "--env", "prod");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (s3.uploadedParts(bucket) < 2) {
            assertThat(backup.isAlive()).as("backup ended early: " + nightshift.spawnOutput()).isTrue();
            assertThat(Instant.now()).as("no parts uploaded: " + nightshift.spawnOutput()).isBefore(deadline);
            Thread.sleep(100);
        }
        backup.destroyForcibly();
        backup.waitFor(30, TimeUnit.SECONDS);

        // then no object exists, nothing is listed, and the unfinished upload is there to clean
        assertThat(s3.keys(bucket)).isEmpty();
        assertThat(s3.unfinishedUploads(bucket)).isEqualTo(1);
        assertThat(nightshift.cli("backups", "--env", "prod").out()).contains("no backups of prod");

        // when the next run comes
        slowPgDump.fast();
        CliResult next = nightshift.cli("backup", "--env", "prod");

        // then it aborted the unfinished upload and published one complete backup
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.all()).contains("(unfinished upload) left behind by an interrupted backup");
        assertThat(s3.unfinishedUploads(bucket)).isZero();
        assertThat(s3.keys(bucket)).hasSize(3);
    }

    @Test
    void aBucketThatDoesNotExistIsAConfigurationError() throws Exception {
        // given a configuration naming a missing bucket
        nightshift = prodAndStagingInBucket("no-such-bucket-" + System.nanoTime()).build();

        // when
        CliResult backup = nightshift.cli("backup", "--env", "prod");

        // then exit 2 and a line that says which bucket
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(2);
        assertThat(backup.err()).contains("cannot use bucket no-such-bucket-").contains("does not exist");
    }

    @Test
    void unsetCredentialsAreAConfigurationErrorThatShowsNoSecret() throws Exception {
        // given the credentials refer to variables nobody exported
        nightshift = prodAndStagingWithStorage("storage: {type: s3, s3: {endpoint: \"" + s3.endpoint() + "\", bucket: "
                + s3.createBucket() + ", path-style: true, access-key-id: \"${NIGHTSHIFT_TEST_UNSET_KEY}\","
                + " secret-access-key: \"${NIGHTSHIFT_TEST_UNSET_SECRET}\"}}").build();

        // when
        CliResult backup = nightshift.cli("backup", "--env", "prod");

        // then exit 2, saying what to set
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(2);
        assertThat(backup.err()).contains("the S3 credentials of nightshift.backup.storage.s3 are not set");
        assertThat(s3.keys(bucket)).isEmpty();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
