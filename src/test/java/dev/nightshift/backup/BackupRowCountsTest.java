package dev.nightshift.backup;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every backup, whatever its verify mode, records each table's rows as counted from its own dump stream, in
 * the manifest and in the catalog, and they equal {@code count(*)} per table of the source.
 */
class BackupRowCountsTest {

    static final TestPostgres pg = TestPostgres.get();

    @ParameterizedTest
    @ValueSource(strings = {"list", "restore"})
    void theManifestAndTheCatalogHoldCountStarOfEveryTable(String verify) throws Exception {
        // given a database with text full of newlines and backslashes, empty tables and partitions
        String prod = pg.createDatabase("rowcounts_prod");
        pg.execute(prod, ArchiveRowCounterTest.TRICKY_TABLES);
        Map<String, Long> expected;
        try (Connection c = pg.connect(prod)) {
            expected = SnapshotInventory.rowCounts(c);
        }
        try (NightshiftFixture nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", prod)).dropOnClose(prod).build()) {
            // when
            CliResult backup = nightshift.cli("backup", "--env", "prod", "--verify", verify);

            // then
            assertThat(backup.exitCode()).as(backup.all()).isZero();
            Path manifest;
            try (Stream<Path> files = Files.list(nightshift.backupDirectory().resolve("prod/app"))) {
                manifest = files.filter(f -> f.toString().endsWith(BackupStorage.MANIFEST)).findFirst().orElseThrow();
            }
            assertThat(BackupManifest.read(manifest).rowCounts()).isEqualTo(expected)
                    .containsEntry("public.notes", 8L).containsEntry("public.events_2026", 364L);
            long matching = pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup b,"
                    + " jsonb_each_text(b.row_counts) e WHERE b.verified");
            assertThat(matching).isEqualTo(expected.size());
            assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT (row_counts->>'odd schema.Mixed Case')::bigint"
                    + " FROM nightshift.backup")).isEqualTo(300);
        }
    }
}
