package dev.nightshift.sync;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: the sync's spool held every real email address of production in clear text while it ran
 * (the rows were masked only while loading). Every file the sync writes (spool, reports) is scanned for the
 * source's originals while the run is stopped mid-extraction and after the extraction, and again after the
 * restarted run completed: none may be found. A control value proves the scan reads what the files hold.
 */
class SyncSpoolLeakTest {

    private SyncFixture fixture;
    private List<String> originals;

    @BeforeEach
    void environments() throws Exception {
        fixture = SyncFixture.builder().users(300).sync("part-size: 8KB").sync("chunk-rows: 500").build();
        originals = originals(fixture.prod);
        assertThat(originals).hasSizeGreaterThan(600);
    }

    @AfterEach
    void cleanUp() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "backup"})
    void noFileTheSyncWritesEverHoldsAnOriginal(String source) throws Exception {
        if (source.equals("backup")) {
            CliResult backup = fixture.nightshift.cli("backup", "--env", "prod");
            assertThat(backup.exitCode()).as(backup.all()).isZero();
        }

        // when the sync dies while extracting, then again once rows are on their way to the target: from a live
        // source after the first chunk the pipelined load committed (the extraction may still run), from a backup
        // after the extraction, before anything is loaded
        String second = source.equals("live") ? "sync.load.after-commit" : "sync.schema.before";
        for (String point : List.of("sync.extract.after-first-block", second)) {
            Process sync = fixture.nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", point),
                    "sync", "--from", "prod", "--to", "staging", "--source", source);
            assertThat(sync.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(sync.exitValue()).as(fixture.nightshift.spawnOutput()).isEqualTo(137);

            // then the spool holds rows (the control: after the extraction, the masked emails) and no original
            String written = everythingUnder(fixture.workDirectory());
            assertThat(spooledBytes(fixture.workDirectory())).as("rows in the spool").isPositive();
            if (point.equals("sync.schema.before")) {
                assertThat(written).as("the masked emails, as the scan reads them").contains("@test.example.com");
            }
            assertNoOriginalIn(written, "the files under the work directory after a kill at " + point);
            assertNoOriginalIn(fixture.nightshift.spawnOutput(), "the log");
            // and the incoming copy holds masked, checked rows only (a live source's parts load while others extract)
            String loaded = fixture.exists(fixture.incoming()) ? rowsOf(fixture.incoming()) : "";
            if (point.equals("sync.load.after-commit")) {
                assertThat(loaded).as("rows loaded before the kill").isNotEmpty();
            } else if (!source.equals("live")) {
                assertThat(loaded).as("nothing loaded yet").isEmpty();
            }
            assertNoOriginalIn(loaded, "the rows of " + fixture.incoming() + " after a kill at " + point);
        }

        // and the restarted run completes with the masked copy, having written no original anywhere
        long killed = PG.queryLong(fixture.nightshift.opsDatabase(),
                "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(killed));
        assertThat(restart.exitCode()).as(restart.all()).isZero();
        assertNoOriginalIn(restart.all(), "the restart's log");
        assertNoOriginalIn(everythingUnder(fixture.workDirectory()), "the work directory and the reports");
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM users")).isEqualTo(300);
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM users WHERE email LIKE '%@test.example.com'"))
                .isEqualTo(300);
    }

    @org.junit.jupiter.api.Test
    void aBackupColumnTheRulesDoNotCoverStopsTheSyncBeforeAnyOfItsRowsIsWritten() throws Exception {
        // given a backup taken while users had a column the rules do not name, dropped from the live
        // database since (so the rules' check against the live schema passes)
        PG.execute(fixture.prod, "ALTER TABLE users ADD COLUMN secret_note text;"
                + " UPDATE users SET secret_note = 'secret-note-of-' || email");
        CliResult backup = fixture.nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        PG.execute(fixture.prod, "ALTER TABLE users DROP COLUMN secret_note");

        // when the sync reads that backup
        CliResult sync = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "backup");

        // then it is refused as a rules problem, naming the column, and the column's values are nowhere
        assertThat(sync.exitCode()).as(sync.all()).isEqualTo(2);
        assertThat(sync.all()).contains("do not cover column secret_note of public.users");
        assertThat(everythingUnder(fixture.workDirectory())).doesNotContain("secret-note-of-");
        assertThat(sync.all()).doesNotContain("secret-note-of-");
        assertThat(fixture.exists(fixture.staging + "__incoming")).isFalse();
    }

    private void assertNoOriginalIn(String text, String what) {
        assertNoOriginalIn(originals, text, what);
    }

    /** Every row of every table of {@code database}, as text. */
    private static String rowsOf(String database) throws Exception {
        StringBuilder rows = new StringBuilder();
        try (Connection c = PG.connect(database); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables"
                    + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        rows.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return rows.toString();
    }

    static void assertNoOriginalIn(List<String> originals, String text, String what) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = originals.stream().filter(o -> lower.contains(o.toLowerCase(Locale.ROOT))).toList();
        assertThat(found).as(what + " must hold no original value (" + found.size() + " found)").isEmpty();
    }

    /** Every file under the directory, read as UTF-8 (COPY binary keeps text values as their UTF-8 bytes). */
    static String everythingUnder(Path directory) throws IOException {
        StringBuilder all = new StringBuilder();
        if (!Files.isDirectory(directory)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    private static long spooledBytes(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            long total = 0;
            for (Path file : files.filter(f -> Files.isRegularFile(f) && f.getParent().endsWith("tables")).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** The originals of the masked columns that are distinctive enough to search for. */
    static List<String> originals(String database) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = PG.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT email FROM users UNION ALL SELECT name FROM users
                     UNION ALL SELECT token FROM refresh_tokens UNION ALL SELECT client_secret FROM oauth_providers""")) {
            while (rs.next()) {
                if (rs.getString(1) != null && rs.getString(1).length() >= 8) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
