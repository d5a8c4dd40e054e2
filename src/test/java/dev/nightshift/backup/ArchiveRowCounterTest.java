package dev.nightshift.backup;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The row counter on real {@code pg_dump -Fc -Z0} output: every table's count equals {@code count(*)} (ONLY,
 * so a partitioned parent counts no rows of its partitions), whatever the text holds and however the
 * stream is cut into writes; a cut or foreign stream gives no counts rather than wrong ones.
 */
class ArchiveRowCounterTest {

    static final TestPostgres pg = TestPostgres.get();

    /** Text with newlines, backslashes and a lone {@code \.}, empty tables, partitions, odd names, a large object. */
    static final String TRICKY_TABLES = """
            CREATE TABLE notes (id int, body text);
            INSERT INTO notes VALUES (1, E'two\\nlines'), (2, E'back\\\\slash'), (3, E'\\\\.'), (4, E'\\\\.\\n'),
                                     (5, E'tab\\there'), (6, NULL), (7, ''), (8, E'\\r\\ncarriage');
            CREATE TABLE empty_one (id int);
            CREATE TABLE one_text (t text);
            INSERT INTO one_text VALUES (''), (''), ('.'), (E'\\\\'), (NULL);
            CREATE TABLE blank_lines (t text);
            INSERT INTO blank_lines VALUES (''), (''), ('');
            CREATE TABLE no_columns ();
            INSERT INTO no_columns DEFAULT VALUES; INSERT INTO no_columns DEFAULT VALUES;
            CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
            CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            CREATE TABLE events_2027 PARTITION OF events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
            INSERT INTO events SELECT g, date '2026-01-01' + g FROM generate_series(1, 500) g;
            CREATE SCHEMA "odd schema";
            CREATE TABLE "odd schema"."Mixed Case" (v bytea);
            INSERT INTO "odd schema"."Mixed Case" SELECT decode(repeat('0a5c2e', g), 'hex') FROM generate_series(1, 300) g;
            CREATE UNLOGGED TABLE scratch_pad (x int);
            INSERT INTO scratch_pad SELECT generate_series(1, 10000);
            SELECT lo_from_bytea(0, decode(repeat('0a', 5000), 'hex'));
            CREATE VIEW a_view AS SELECT * FROM notes;
            CREATE SEQUENCE a_sequence;
            """;
    static String database;
    static byte[] archive;

    @BeforeAll
    static void dumpATrickyDatabase() throws Exception {
        database = pg.createDatabase("rowcounter");
        pg.execute(database, TRICKY_TABLES);
        archive = pgDump(database);
    }

    @AfterAll
    static void dropIt() {
        pg.dropDatabase(database);
    }

    static byte[] pgDump(String db) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(pg.binDir().resolve("pg_dump").toString(), "--format=custom",
                "--compress=0", "--no-password", "--host=" + pg.host(), "--port=" + pg.port(),
                "--username=" + pg.user(), db);
        builder.environment().put("PGPASSWORD", pg.password());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process dump = builder.start();
        byte[] out = dump.getInputStream().readAllBytes();
        assertThat(dump.waitFor()).isZero();
        return out;
    }

    static Map<String, Long> countStar(String db) throws SQLException {
        try (Connection c = pg.connect(db)) {
            return SnapshotInventory.rowCounts(c);
        }
    }

    @Test
    void countsEveryTableExactlyLikeCountStar() throws Exception {
        // given the archive written in one piece
        ArchiveRowCounter counter = new ArchiveRowCounter();

        // when
        counter.write(archive, 0, archive.length);
        ArchiveRowCounter.Result result = counter.result();

        // then every table, partitions and empty ones included, has the count count(*) gives
        assertThat(result.failure()).isNull();
        Map<String, Long> expected = countStar(database);
        assertThat(expected).containsEntry("public.notes", 8L).containsEntry("public.one_text", 5L)
                .containsEntry("public.no_columns", 2L).containsEntry("public.blank_lines", 3L).containsEntry("public.empty_one", 0L)
                .containsEntry("public.events", 0L).containsEntry("odd schema.Mixed Case", 300L);
        assertThat(result.rowCounts()).isEqualTo(expected);
        assertThat(result.tableCount()).isEqualTo(expected.size());
    }

    @Test
    void countsTheSameWhateverPiecesTheStreamComesIn() {
        // given writes of 1 to 40 bytes, single bytes among them: every length word and entry straddles some write
        Random random = new Random(25);
        ArchiveRowCounter counter = new ArchiveRowCounter();

        // when
        int at = 0;
        while (at < archive.length) {
            int n = Math.min(archive.length - at, 1 + random.nextInt(40));
            if (n == 1) {
                counter.write(archive[at]);
            } else {
                counter.write(Arrays.copyOfRange(archive, at, at + n), 0, n);
            }
            at += n;
        }

        // then
        ArchiveRowCounter whole = new ArchiveRowCounter();
        whole.write(archive, 0, archive.length);
        assertThat(counter.result()).isEqualTo(whole.result());
    }

    @Test
    void aCutArchiveHasNoCountsButSaysWhy() {
        // given the archive without its last bytes, and cut in the middle of the data
        for (int cut : new int[] {archive.length - 3, archive.length / 2, 40}) {
            ArchiveRowCounter counter = new ArchiveRowCounter();

            // when
            counter.write(archive, 0, cut);
            ArchiveRowCounter.Result result = counter.result();

            // then
            assertThat(result.ok()).as("cut at %d", cut).isFalse();
            assertThat(result.rowCounts()).isEmpty();
            assertThat(result.failure()).contains("ends early");
        }
    }

    @Test
    void aStreamThatIsNotAnArchiveIsRefused() {
        ArchiveRowCounter counter = new ArchiveRowCounter();
        byte[] text = "-- PostgreSQL database dump\nCREATE TABLE t ();\n".getBytes();
        counter.write(text, 0, text.length);
        assertThat(counter.result().failure()).contains("no PGDMP header");
    }

    @Test
    void anArchiveCompressedByPgDumpIsRefusedNotMiscounted() throws Exception {
        // given a dump with pg_dump's own compression, whose data blocks are not COPY text
        ProcessBuilder builder = new ProcessBuilder(pg.binDir().resolve("pg_dump").toString(), "--format=custom",
                "--compress=6", "--host=" + pg.host(), "--port=" + pg.port(), "--username=" + pg.user(), database);
        builder.environment().put("PGPASSWORD", pg.password());
        Process dump = builder.start();
        byte[] compressed = dump.getInputStream().readAllBytes();
        assertThat(dump.waitFor()).isZero();
        ArchiveRowCounter counter = new ArchiveRowCounter();

        // when
        counter.write(compressed, 0, compressed.length);

        // then
        assertThat(counter.result().failure()).contains("needs -Z0");
    }

    @Test
    void aDataBlockEndingInsideARowIsNoCount() throws Exception {
        // given an archive whose last COPY row lost its newline and terminator (the chunk shortened in place)
        String db = pg.createDatabase("rowcounter_cut_row");
        try {
            pg.execute(db, "CREATE TABLE " + Identifiers.quote("public", "t") + " (v text); INSERT INTO t VALUES ('abc')");
            byte[] dump = pgDump(db);
            ByteArrayOutputStream damaged = new ByteArrayOutputStream();
            int row = indexOf(dump, "abc\n".getBytes());
            // chunk length word: sign byte + 4 bytes just before the row; make it 3 and drop the newline
            dump[row - 4] = 3;
            damaged.write(dump, 0, row + 3);
            // skip "\n", then the terminator chunk (5 + 5 bytes) and keep the end-of-block zero
            damaged.write(dump, row + 4 + 10, dump.length - (row + 4 + 10));
            ArchiveRowCounter counter = new ArchiveRowCounter();

            // when
            counter.write(damaged.toByteArray(), 0, damaged.size());

            // then
            assertThat(counter.result().failure()).contains("ends inside a row");
        } finally {
            pg.dropDatabase(db);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
