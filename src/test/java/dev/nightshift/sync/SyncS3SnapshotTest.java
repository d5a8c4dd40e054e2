package dev.nightshift.sync;

import dev.nightshift.sync.snapshot.SnapshotUpload;
import dev.nightshift.sync.snapshot.Snapshots;
import com.github.luben.zstd.ZstdInputStream;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import dev.nightshift.testsupport.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Masked snapshots in an S3-compatible bucket (S3Proxy in the test JVM): an export uploads every file and
 * the seal last, an import downloads and proves every object before it loads, and the rows are those of a
 * snapshot directory. Encrypted snapshots hold no masked value in clear and need their keyset; a tampered
 * object fails before the swap; retention and the leftovers of killed or failed exports work in the bucket.
 */
class SyncS3SnapshotTest {

    static final TestS3 s3 = TestS3.get();
    static final String MASKED_DOMAIN = "@test.example.com";

    static SyncFixture fixture;
    static Path keyset;
    static Map<String, String> directoryCopy;

    @BeforeAll
    static void environments() throws Exception {
        fixture = SyncFixture.builder().users(200).sync("snapshots-kept: 2")
                .sync(snapshotStorage(s3.createBucket(), false)).build();
        keyset = fixture.nightshift.home().resolve("snapshot-keyset.json");
        CliResult keygen = fixture.nightshift.cli("backups", "keygen", "--out", keyset.toString());
        assertThat(keygen.exitCode()).as(keygen.all()).isZero();
        // the rows a snapshot directory gives: export with --to, import by path
        Path directory = Files.createTempDirectory("snapshots");
        CliResult export = fixture.nightshift.cli("sync", "export", "--env", "prod", "--database", "auth",
                "--source", "live", "--to", directory.toString());
        assertThat(export.exitCode()).as(export.all()).isZero();
        Path snapshot = Snapshots.sealed(directory, "auth").get(0);
        CliResult imported = importSnapshot(snapshot.toString());
        assertThat(imported.exitCode()).as(imported.all()).isZero();
        directoryCopy = DatabaseSnapshot.contentFingerprints(fixture.staging);
    }

    @AfterAll
    static void cleanUp() {
        fixture.close();
    }

    @Test
    void anExportToTheBucketImportsToTheRowsOfASnapshotDirectory() throws Exception {
        // given snapshots go to a bucket, unencrypted
        String bucket = useBucket(false);

        // when a snapshot is exported there and the latest one imported
        CliResult export = export();
        CliResult imported = importSnapshot("latest");

        // then the bucket holds one sealed folder (files, then the seal), nothing stays in the work directory
        assertThat(export.exitCode()).as(export.all()).isZero();
        List<String> keys = s3.keys(bucket);
        String id = keys.get(0).substring("snaps/".length(), keys.get(0).indexOf('/', "snaps/".length()));
        assertThat(id).startsWith("prod-auth-");
        assertThat(keys).allMatch(k -> k.startsWith("snaps/" + id + "/")).contains("snaps/" + id + "/seal.json")
                .anyMatch(k -> k.matches("snaps/" + id + "/tables/\\d+\\.copy\\.zst"));
        assertThat(export.all()).contains("s3://" + bucket + "/snaps/" + id);
        // and staging holds exactly the rows the snapshot directory gave, and no copy is left behind
        assertThat(imported.exitCode()).as(imported.all()).isZero();
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(directoryCopy);
        assertThat(leftInWorkDirectory()).isEmpty();
        // and (the control for the encrypted case) the plain objects do show masked values once decompressed
        assertThat(readableObjects(bucket)).contains(MASKED_DOMAIN);
    }

    @Test
    void anEncryptedSnapshotHoldsNoMaskedValueInClearAndImportsOnlyWithItsKeyset() throws Exception {
        // given snapshots go to a bucket, encrypted
        String bucket = useBucket(true);
        CliResult export = export();
        assertThat(export.exitCode()).as(export.all()).isZero();
        PG.execute(fixture.staging, "DELETE FROM user_roles");
        Map<String, String> changed = DatabaseSnapshot.contentFingerprints(fixture.staging);

        // then every object but the seal is ciphertext: no masked value, raw or decompressed
        assertThat(s3.keys(bucket)).filteredOn(k -> !k.endsWith("seal.json")).isNotEmpty().allMatch(k -> k.endsWith(".tink"));
        assertThat(readableObjects(bucket)).doesNotContain(MASKED_DOMAIN).doesNotContain("INSERT").doesNotContain("CREATE");

        // when the import has no keyset
        rewriteConfig(c -> c.replaceFirst(", keyset-file: \"[^\"]*\"", ""));
        CliResult withoutKeyset = importSnapshot("latest");
        // then it is a configuration error naming the setting, and staging is untouched
        assertThat(withoutKeyset.exitCode()).as(withoutKeyset.all()).isEqualTo(2);
        assertThat(withoutKeyset.all()).contains("is encrypted").contains("nightshift.sync.snapshot-storage.keyset-file");

        // when the import has another keyset
        Path other = fixture.nightshift.home().resolve("other-keyset.json");
        assertThat(fixture.nightshift.cli("backups", "keygen", "--out", other.toString()).exitCode()).isZero();
        rewriteConfig(c -> c.replace(snapshotStorage(bucket, false), snapshotStorage(bucket, false)
                .replaceFirst("}$", ", keyset-file: \"" + other + "\"}")));
        CliResult wrongKeyset = importSnapshot("latest");
        assertThat(wrongKeyset.exitCode()).as(wrongKeyset.all()).isEqualTo(2);
        assertThat(wrongKeyset.all()).contains("was encrypted with key").contains(other.toString())
                .contains("nightshift.sync.snapshot-storage.keyset-file");
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(changed);

        // when it has the export's keyset
        useBucket(bucket, true);
        CliResult imported = importSnapshot("latest");
        assertThat(imported.exitCode()).as(imported.all()).isZero();
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(directoryCopy);
    }

    @Test
    void aTamperedOrMissingObjectFailsBeforeTheSwapNamingIt() throws Exception {
        // given an encrypted snapshot in the bucket whose largest table object gets one byte flipped
        String bucket = useBucket(true);
        assertThat(export().exitCode()).isZero();
        PG.execute(fixture.staging, "DELETE FROM user_roles");
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);
        String part = s3.keys(bucket).stream().filter(k -> k.contains("/tables/"))
                .max(java.util.Comparator.comparingInt(k -> s3.read(bucket, k).length)).orElseThrow();
        byte[] original = s3.read(bucket, part);
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x20;
        put(bucket, part, flipped);

        // when it is imported
        CliResult damaged = importSnapshot("latest");

        // then the import fails naming the object, before the target was touched
        assertThat(damaged.exitCode()).as(damaged.all()).isEqualTo(1);
        assertThat(damaged.all()).contains("is damaged").contains(part.substring("snaps/".length()))
                .contains("does not match its SHA-256");
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(before);
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertThat(leftInWorkDirectory()).isEmpty();

        // and a missing object fails the same way
        s3.client().deleteObject(r -> r.bucket(bucket).key(part));
        CliResult missing = importSnapshot("latest");
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(1);
        assertThat(missing.all()).contains("lacks").contains(part.substring("snaps/".length()));
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(before);
    }

    @Test
    void retentionKeepsTheNewestSnapshotsInTheBucket() throws Exception {
        // given snapshots-kept: 2
        String bucket = useBucket(false);

        // when three snapshots are exported
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(export().exitCode()).isZero();
            ids.add(sealedIds(bucket).get(sealedIds(bucket).size() - 1));
        }

        // then the two newest are kept, whole, and nothing of the oldest is left
        assertThat(sealedIds(bucket)).containsExactly(ids.get(1), ids.get(2));
        assertThat(s3.keys(bucket)).noneMatch(k -> k.startsWith("snaps/" + ids.get(0) + "/"));
    }

    @Test
    void aKilledOrFailedExportLeavesNoListedSnapshotAndTheNextExportRemovesItsObjects() throws Exception {
        // given a bucket without snapshots, and an export killed after its first uploaded object
        String bucket = useBucket(true);
        Process killed = fixture.nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", SnapshotUpload.FAILPOINT),
                "sync", "export", "--env", "prod", "--database", "auth", "--source", "live");
        assertThat(killed.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.exitValue()).as(fixture.nightshift.spawnOutput()).isEqualTo(137);
        long killedExecution = lastExecution();
        assertThat(s3.keys(bucket)).isNotEmpty().noneMatch(k -> k.endsWith("seal.json"));

        // then nothing is listed for an import
        CliResult nothing = importSnapshot("latest");
        assertThat(nothing.exitCode()).as(nothing.all()).isEqualTo(2);
        assertThat(nothing.all()).contains("no sealed snapshot of database 'auth'");

        // when the next export runs, it removes the killed one's objects and seals its own
        CliResult next = export();
        assertThat(next.exitCode()).as(next.all()).isZero();
        List<String> sealed = sealedIds(bucket);
        assertThat(sealed).hasSize(1);
        assertThat(s3.keys(bucket)).allMatch(k -> k.startsWith("snaps/" + sealed.get(0) + "/"));
        assertThat(s3.unfinishedUploads(bucket)).isZero();

        // and an export that fails while uploading removes what it uploaded: the bucket is as it was
        List<String> before = s3.keys(bucket);
        Process failed = fixture.nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", SnapshotUpload.FAILPOINT + ":throw"),
                "sync", "export", "--env", "prod", "--database", "auth", "--source", "live");
        assertThat(failed.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(failed.exitValue()).as(fixture.nightshift.spawnOutput()).isEqualTo(1);
        assertThat(s3.keys(bucket)).isEqualTo(before);
        assertThat(s3.unfinishedUploads(bucket)).isZero();

        // and the killed export, restarted, uploads its snapshot whole and seals it
        CliResult restarted = fixture.nightshift.cli("jobs", "restart", Long.toString(killedExecution));
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        assertThat(sealedIds(bucket)).hasSize(2).contains(sealed.get(0));
        assertThat(leftInWorkDirectory()).isEmpty();
    }

    private static long lastExecution() {
        return PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
    }

    private static String snapshotStorage(String bucket, boolean encrypted) {
        String storage = s3.storageSetting(bucket, "snaps").replaceFirst("^storage:", "snapshot-storage:");
        return encrypted ? storage.replaceFirst("}$", ", keyset-file: \"" + keyset + "\"}") : storage;
    }

    /** Points the configuration at a new bucket. */
    private static String useBucket(boolean encrypted) throws IOException {
        String bucket = s3.createBucket();
        useBucket(bucket, encrypted);
        return bucket;
    }

    private static void useBucket(String bucket, boolean encrypted) throws IOException {
        rewriteConfig(c -> c.replaceFirst("snapshot-storage: \\{type: s3, s3: \\{[^}]*}(, keyset-file: \"[^\"]*\")?}",
                java.util.regex.Matcher.quoteReplacement(snapshotStorage(bucket, encrypted))));
    }

    private static void rewriteConfig(java.util.function.UnaryOperator<String> change) throws IOException {
        Path config = fixture.nightshift.config();
        String before = Files.readString(config);
        String after = change.apply(before);
        assertThat(after).as("the configuration changed").isNotEqualTo(before);
        Files.writeString(config, after);
    }

    private static CliResult export() {
        return fixture.nightshift.cli("sync", "export", "--env", "prod", "--database", "auth", "--source", "live");
    }

    private static CliResult importSnapshot(String snapshot) {
        return fixture.nightshift.cli("sync", "import", "--env", "staging", "--database", "auth", "--snapshot", snapshot);
    }

    private static List<String> sealedIds(String bucket) {
        return s3.keys(bucket).stream().filter(k -> k.endsWith("/seal.json"))
                .map(k -> k.substring("snaps/".length(), k.length() - "/seal.json".length())).sorted().toList();
    }

    /** What stays in the work directory besides reports: staged exports and downloads must be gone. */
    private static List<Path> leftInWorkDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(fixture.workDirectory())) {
            return files.filter(Files::isRegularFile).filter(f -> !f.startsWith(fixture.reports())).toList();
        }
    }

    /** Every object as stored, and decompressed where zstd can read it: what someone with the bucket could read. */
    private static String readableObjects(String bucket) {
        StringBuilder all = new StringBuilder();
        for (String key : s3.keys(bucket)) {
            byte[] stored = s3.read(bucket, key);
            all.append(new String(stored, StandardCharsets.UTF_8)).append('\n');
            try (var in = new ZstdInputStream(new ByteArrayInputStream(stored))) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                // not zstd (ciphertext, JSON, SQL): the stored bytes above are what can be read
            }
        }
        return all.toString();
    }

    private static void put(String bucket, String key, byte[] bytes) {
        s3.client().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }
}
