package dev.nightshift.backup;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup, then restore into another environment: the restored database has the same schema (sequences,
 * views, functions, triggers, enums, domains, jsonb, bytea, generated columns) and the same rows.
 */
class BackupRoundTripTest {

    static final TestPostgres pg = TestPostgres.get();
    static String source;
    static String target;
    static NightshiftFixture nightshift;

    @BeforeAll
    static void productionDatabaseWithDemoData() throws Exception {
        source = pg.createDatabase("roundtrip_prod");
        target = "roundtrip_staging_" + System.nanoTime();
        try (Connection c = pg.connect(source)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 300, 7);
        }
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", source).protectedEnvironment().data("masked"))
                .environment("staging", new Environment().database("auth", target))
                .backupSetting("verify-environment: staging")
                .dropOnClose(source).dropOnClose(target)
                .build();
    }

    @AfterAll
    static void cleanUp() {
        nightshift.close();
    }

    @Test
    void restoredDatabaseHasTheSameSchemaAndRowsAsTheSource() throws Exception {
        // given a verified backup, checked by a full restore
        CliResult backup = nightshift.cli("backup", "--env", "prod", "--verify", "restore");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.all()).contains("every count matches");

        // when it is restored into staging
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");

        // then staging equals production
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(DatabaseSnapshot.schema(target)).isEqualTo(DatabaseSnapshot.schema(source));
        assertThat(DatabaseSnapshot.rowCounts(target)).isEqualTo(DatabaseSnapshot.rowCounts(source))
                .containsEntry("public.users", 300L);
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database"
                + " WHERE datname LIKE '%\\_\\_incoming' OR datname LIKE 'nightshift\\_scratch\\_verify\\_%'"))
                .as("scratch and incoming databases are dropped").isZero();
    }

    @Test
    void artifactIsPrivateAndHasAChecksumAndManifest() throws Exception {
        // when
        CliResult backup = nightshift.cli("backup", "--env", "prod", "--database", "auth");

        // then
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path folder = nightshift.backupDirectory().resolve("prod/auth");
        Path artifact;
        try (Stream<Path> files = Files.list(folder)) {
            artifact = files.filter(f -> f.toString().endsWith(".dump.zst")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        assertThat(Files.getPosixFilePermissions(artifact)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        BackupManifest manifest = BackupManifest.read(BackupDirectory.manifestOf(artifact));
        assertThat(manifest.environment()).isEqualTo("prod");
        assertThat(manifest.database()).isEqualTo(source);
        assertThat(manifest.verified()).isTrue();
        assertThat(manifest.sizeBytes()).isEqualTo(Files.size(artifact));
        assertThat(manifest.tableCount()).isEqualTo(pg.queryLong(source,
                "SELECT count(*) FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace"));
        String checksumLine = Files.readString(BackupDirectory.checksumOf(artifact));
        assertThat(checksumLine).isEqualTo(manifest.sha256() + "  " + artifact.getFileName() + "\n");
        assertThat(manifest.sha256()).isEqualTo(sha256(artifact));
    }

    static String sha256(Path file) throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        return java.util.HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    }
}
