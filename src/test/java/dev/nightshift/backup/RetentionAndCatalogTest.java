package dev.nightshift.backup;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention after each backup, prune --dry-run, the catalog listing, other codecs and the disk-space preflight. */
class RetentionAndCatalogTest {

    final TestPostgres pg = TestPostgres.get();
    NightshiftFixture nightshift;

    NightshiftFixture withSettings(String... backupSettings) {
        String db = pg.createDatabase("retention_src");
        pg.execute(db, "CREATE TABLE note (id int PRIMARY KEY, body text); INSERT INTO note VALUES (1, 'hello')");
        NightshiftFixture.Builder builder = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", db)).dropOnClose(db);
        for (String setting : backupSettings) {
            builder.backupSetting(setting);
        }
        nightshift = builder.build();
        return nightshift;
    }

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void retentionAfterEachBackupKeepsWhatTheRulesSayAndDryRunDeletesNothing() throws Exception {
        // given keep-last 2 and no buckets, and three backups
        withSettings("retention: {keep-last: 2, hourly: 0, daily: 0, weekly: 0, monthly: 0}");
        for (int i = 0; i < 3; i++) {
            CliResult backup = nightshift.cli("backup", "--env", "prod");
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
        }

        // then the oldest was deleted, file and catalog row
        assertThat(artifacts()).hasSize(2);
        CliResult listed = nightshift.cli("backups", "--env", "prod");
        assertThat(listed.out().lines().filter(l -> l.matches("^\\d+ .*"))).hasSize(2);
        assertThat(listed.out()).doesNotContain("\n1      app");

        // when the rules get stricter, a dry run shows the plan and deletes nothing
        Files.writeString(nightshift.config(), Files.readString(nightshift.config()).replace("keep-last: 2", "keep-last: 1"));
        CliResult dryRun = nightshift.cli("prune", "--env", "prod", "--dry-run");
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out()).contains("dry run").containsPattern("keep +#3 .*newest verified")
                .containsPattern("delete +#2 .*no rule keeps it");
        assertThat(artifacts()).hasSize(2);

        // and a real prune deletes it
        CliResult prune = nightshift.cli("prune", "--env", "prod");
        assertThat(prune.out()).contains("deleted 1 backups");
        assertThat(artifacts()).hasSize(1);
    }

    @Test
    void catalogAsJsonForScripts() {
        withSettings();
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();

        CliResult json = nightshift.cli("backups", "--env", "prod", "--json");

        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"logicalDatabase\" : \"app\"").contains("\"verified\" : true")
                .contains("\"sha256\" : \"");
    }

    @Test
    void gzipArtifactsRestoreLikeZstdOnes() throws Exception {
        withSettings("compression: gzip");

        CliResult backup = nightshift.cli("backup", "--env", "prod", "--verify", "restore");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        try (Stream<Path> files = Files.list(nightshift.backupDirectory().resolve("prod/app"))) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.endsWith(".dump.gz"));
        }
    }

    @Test
    void preflightRefusesWhenTheDiskCannotHoldTheBackup() throws Exception {
        // given a free-space ratio no disk satisfies
        withSettings("free-space-ratio: 1000000000");

        CliResult backup = nightshift.cli("backup", "--env", "prod");

        assertThat(backup.exitCode()).isEqualTo(1);
        assertThat(backup.err()).contains("not enough free space").contains("nightshift.backup.free-space-ratio");
        assertThat(artifacts()).isEmpty();
    }

    private java.util.List<Path> artifacts() throws Exception {
        Path folder = nightshift.backupDirectory().resolve("prod/app");
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().matches(".*\\.dump(\\.zst|\\.gz)?$")).toList();
        }
    }
}
