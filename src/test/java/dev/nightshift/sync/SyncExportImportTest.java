package dev.nightshift.sync;

import dev.nightshift.sync.snapshot.SnapshotSeal;
import dev.nightshift.sync.snapshot.Snapshots;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync split in two: {@code sync export} on the production side writes a sealed masked snapshot,
 * {@code sync import} loads it with the target's credentials only. Export then import gives the rows the
 * one-process sync gives; the import needs neither the salt, nor the rules, nor production; a damaged or
 * incomplete snapshot never reaches the swap; a killed export or import resumes to the same rows.
 */
class SyncExportImportTest {

    static SyncFixture fixture;
    static Map<String, String> oneProcessCopy;

    @BeforeAll
    static void environments() {
        fixture = SyncFixture.builder().users(200).sync("chunk-rows: 100").sync("part-size: 16KB").build();
        CliResult sync = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        oneProcessCopy = DatabaseSnapshot.contentFingerprints(fixture.staging);
        PG.execute(fixture.staging, "DELETE FROM user_roles");
    }

    @AfterAll
    static void cleanUp() {
        fixture.close();
    }

    @Test
    void exportThenImportWithoutSaltRulesOrProductionEqualsTheOneProcessSync() throws Exception {
        // given a sealed snapshot
        Path snapshot = export();

        // when it is imported by a configuration with no salt, no rules and production behind a closed port
        CliResult imported = withTargetOnlyConfiguration(() ->
                fixture.nightshift.cli("sync", "import", "--env", "staging", "--database", "auth", "--snapshot", snapshot.toString()));

        // then staging holds exactly the rows of the one-process sync
        assertThat(imported.exitCode()).as(imported.all()).isZero();
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(oneProcessCopy);
        assertThat(Files.exists(snapshot.resolve(SnapshotSeal.FILE))).as("the snapshot is kept as it was").isTrue();
    }

    @Test
    void aDamagedOrUnsealedSnapshotNeverReachesTheSwap() throws Exception {
        Path snapshot = export();
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);

        // a flipped byte in a table part
        Path part;
        try (Stream<Path> files = Files.list(snapshot.resolve("tables"))) {
            part = files.filter(f -> f.toFile().length() > 100).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(part);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(part, bytes);
        CliResult damaged = fixture.nightshift.cli("sync", "import", "--env", "staging", "--database", "auth",
                "--snapshot", snapshot.toString());
        assertThat(damaged.exitCode()).as(damaged.all()).isEqualTo(1);
        assertThat(damaged.all()).contains("is damaged").contains(snapshot.relativize(part).toString());

        // a snapshot whose export never finished (no seal)
        Files.delete(snapshot.resolve(SnapshotSeal.FILE));
        CliResult unsealed = fixture.nightshift.cli("sync", "import", "--env", "staging", "--database", "auth",
                "--snapshot", snapshot.toString());
        assertThat(unsealed.exitCode()).as(unsealed.all()).isEqualTo(1);
        assertThat(unsealed.all()).contains("incomplete");

        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).as("staging untouched").isEqualTo(before);
        assertThat(fixture.exists(fixture.incoming())).isFalse();
    }

    @Test
    void aSnapshotOlderThanTheMaximumAgeIsRefusedSoAFailedExportIsNoticed() throws Exception {
        // given a snapshot whose seal says it was written 30 days ago
        Path snapshot = export();
        Path seal = snapshot.resolve(SnapshotSeal.FILE);
        String old = java.time.Instant.now().minus(java.time.Duration.ofDays(30)).toString();
        Files.writeString(seal, Files.readString(seal).replaceFirst("\"sealedAt\" : \"[^\"]+\"", "\"sealedAt\" : \"" + old + "\""));
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);

        // when it is imported with the default maximum age (8 days)
        CliResult imported = fixture.nightshift.cli("sync", "import", "--env", "staging", "--database", "auth",
                "--snapshot", snapshot.toString());

        // then the import fails, says why and how to go on, and staging is as it was
        assertThat(imported.exitCode()).as(imported.all()).isEqualTo(1);
        assertThat(imported.all()).contains("was sealed 720 hours ago").contains("snapshot-max-age");
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(before);
    }

    @Test
    void aKilledExportAndAKilledImportResumeToTheSameRows() throws Exception {
        // when the export dies mid-extraction and is restarted
        Process export = fixture.nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", "sync.extract.after-first-block"),
                "sync", "export", "--env", "prod", "--database", "auth", "--source", "live");
        assertThat(export.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(export.exitValue()).as(fixture.nightshift.spawnOutput()).isEqualTo(137);
        CliResult restarted = fixture.nightshift.cli("jobs", "restart", Long.toString(lastExecution()));
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        Path snapshot = newestSnapshot();
        assertThat(snapshot.resolve(SnapshotSeal.FILE)).exists();

        // and the import dies after its first committed chunk and is restarted
        Process load = fixture.nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", "sync.load.after-commit"),
                "sync", "import", "--env", "staging", "--database", "auth", "--snapshot", snapshot.toString());
        assertThat(load.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(load.exitValue()).as(fixture.nightshift.spawnOutput()).isEqualTo(137);
        CliResult resumed = fixture.nightshift.cli("jobs", "restart", Long.toString(lastExecution()));

        // then staging holds exactly the rows of an undisturbed sync
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(oneProcessCopy);
    }

    private static Path export() throws Exception {
        CliResult export = fixture.nightshift.cli("sync", "export", "--env", "prod", "--database", "auth", "--source", "live");
        assertThat(export.exitCode()).as(export.all()).isZero();
        Path snapshot = newestSnapshot();
        assertThat(export.all()).contains(snapshot.toString());
        try (Stream<Path> parts = Files.list(snapshot.resolve("tables"))) {
            assertThat(parts.toList()).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).endsWith(".copy.zst"));
        }
        // the snapshot's files (decompressed) and the export's log hold no original
        List<String> originals = SyncSpoolLeakTest.originals(fixture.prod);
        SyncSpoolLeakTest.assertNoOriginalIn(originals, export.all(), "the export's log");
        SyncSpoolLeakTest.assertNoOriginalIn(originals, decompressedFilesOf(snapshot), "the snapshot");
        return snapshot;
    }

    private static String decompressedFilesOf(Path snapshot) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(snapshot)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try (var in = file.toString().endsWith(".zst")
                        ? new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
                    bytes = in.readAllBytes();
                }
                all.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).append('\n');
            }
        }
        assertThat(all).as("masked rows, as the scan reads them").contains("@test.example.com");
        return all.toString();
    }

    private static Path newestSnapshot() throws IOException {
        List<Path> sealed = Snapshots.sealed(fixture.workDirectory().resolve("snapshots"), "auth");
        assertThat(sealed).isNotEmpty();
        return sealed.get(sealed.size() - 1);
    }

    private static long lastExecution() {
        return PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
    }

    /** Runs {@code command} with production unreachable and no salt or rules in the configuration. */
    private static CliResult withTargetOnlyConfiguration(java.util.concurrent.Callable<CliResult> command) throws Exception {
        Path config = fixture.nightshift.config();
        String original = Files.readString(config);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String targetOnly = original
                .replaceFirst("(?s)(    prod:\\n      host: [^\\n]*\\n      port: )\\d+", "$1" + closedPort)
                .replaceAll("rules-directory: \"[^\"]*\"", "rules-directory: \"" + Files.createTempDirectory("no-rules") + "\"")
                .replaceAll(", salt-file: \"[^\"]*\"", "");
        assertThat(targetOnly).contains("port: " + closedPort).doesNotContain("salt-file");
        Files.writeString(config, targetOnly);
        try {
            return command.call();
        } finally {
            Files.writeString(config, original);
        }
    }
}
