package dev.nightshift.backup;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backups encrypted with a Tink keyset: a round trip restores the same data; a wrong, missing or damaged key
 * or artifact fails with one clear line and never touches the restore target.
 */
class EncryptedBackupTest {

    static final TestPostgres pg = TestPostgres.get();

    String prod;
    String staging;
    Path keyset;
    NightshiftFixture nightshift;

    @BeforeEach
    void encryptedBackupsOfProdAndAStagingWithData() throws Exception {
        prod = pg.createDatabase("enc_prod");
        staging = pg.createDatabase("enc_staging");
        try (Connection c = pg.connect(prod)) {
            DemoDatabase.createSchema(c);
            DemoDatabase.fill(c, 120, 5);
        }
        pg.execute(staging, "CREATE TABLE staging_marker (note text); INSERT INTO staging_marker VALUES ('old staging')");
        keyset = Files.createTempDirectory("nightshift-keys").resolve("keyset.json");
        nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("auth", prod).protectedEnvironment().data("masked"))
                .environment("staging", new Environment().database("auth", staging))
                .backupSetting("verify-environment: staging")
                .backupSetting("encryption: {keyset-file: \"" + keyset + "\"}")
                .dropOnClose(prod).dropOnClose(staging).dropOnClose(staging + "__incoming")
                .build();
        CliResult keygen = nightshift.cli("backups", "keygen", "--out", keyset.toString());
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
    }

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void encryptedBackupRestoresTheSameDataAndRecordsOnlyTheKeyId() throws Exception {
        // when an encrypted backup is verified by restore, then restored into staging
        CliResult backup = nightshift.cli("backup", "--env", "prod", "--verify", "restore");
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");

        // then the stored bytes are ciphertext (no zstd frame magic) and the manifest names the key, not the key
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.all()).contains("every count matches");
        Path artifact = artifact();
        assertThat(artifact.toString()).endsWith(".dump.zst.tink");
        byte[] head = Arrays.copyOf(Files.readAllBytes(artifact), 4);
        assertThat(head).isNotEqualTo(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD});
        BackupManifest manifest = BackupManifest.read(BackupDirectory.manifestOf(artifact));
        assertThat(manifest.encryption()).isEqualTo("tink-streaming-aead");
        assertThat(manifest.keyId()).isNotNull();
        assertThat(Files.readString(keyset)).containsPattern("\"keyId\":\\s*" + manifest.keyId());
        String keyMaterial = Files.readString(keyset).replaceAll("(?s).*\"value\":\\s*\"([^\"]+)\".*", "$1");
        assertThat(Files.readString(BackupDirectory.manifestOf(artifact))).doesNotContain(keyMaterial);
        assertThat(nightshift.cli("backups", "--env", "prod").out()).contains("(encrypted, key " + manifest.keyId() + ")");
        // and the restore decrypted it into the same data
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(DatabaseSnapshot.rowCounts(staging)).isEqualTo(DatabaseSnapshot.rowCounts(prod))
                .containsEntry("public.users", 120L);
    }

    @Test
    void aWrongKeyFailsWithOneClearLineAndLeavesTheTargetUntouched() throws Exception {
        // given an encrypted backup, and then another keyset mounted in place of the right one
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
        Files.delete(keyset);
        assertThat(nightshift.cli("backups", "keygen", "--out", keyset.toString()).exitCode()).isZero();

        // when it is restored
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");

        // then the restore fails naming the key, and staging still has its data
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.err()).containsPattern("backup #\\d+ was encrypted with key \\d+, but the keyset .* has only")
                .contains("nothing was restored");
        assertStagingUntouched();
    }

    @Test
    void aMissingKeysetIsAConfigurationError() throws Exception {
        // given an encrypted backup, then the keyset secret is gone
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
        Files.delete(keyset);

        // when a restore and a backup run
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");
        CliResult backup = nightshift.cli("backup", "--env", "prod", "--run-key", "after-the-key-went");

        // then both stop with exit 2 and say which file to mount
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(2);
        assertThat(restore.err()).contains("cannot read the backup keyset " + keyset);
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(2);
        assertThat(backup.err()).contains("cannot read the backup keyset " + keyset);
        assertStagingUntouched();
    }

    @Test
    void aDamagedCiphertextIsNeverRestored() throws Exception {
        // given an encrypted backup with one byte flipped in the middle
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
        Path artifact = artifact();
        byte[] bytes = Files.readAllBytes(artifact);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(artifact, bytes);

        // when it is restored
        CliResult restore = nightshift.cli("restore", "--env", "prod", "--database", "auth", "--into", "staging");

        // then decryption refuses it and staging is as it was
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.err()).contains("cannot decrypt").contains("nothing was restored");
        assertStagingUntouched();
    }

    private void assertStagingUntouched() {
        assertThat(pg.queryLong(staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
        assertThat(pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + staging + "__incoming'"))
                .isZero();
    }

    private Path artifact() throws Exception {
        try (Stream<Path> files = Files.list(nightshift.backupDirectory().resolve("prod/auth"))) {
            return files.filter(f -> f.toString().endsWith(".tink")).findFirst().orElseThrow();
        }
    }
}
