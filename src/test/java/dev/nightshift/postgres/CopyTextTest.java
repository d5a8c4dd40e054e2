package dev.nightshift.postgres;

import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextTest {

    @Test
    void parsesEscapesAndNulls() {
        List<String> fields = CopyText.parse("1\ta\\tb\\nc\\\\d\t\\N\t\\\\N\t\\101\\x41\t");

        assertThat(fields).containsExactly("1", "a\tb\nc\\d", null, "\\N", "AA", "");
    }

    @Test
    void rowsCopiedOutOfPostgresSurviveParseAndFormatByteForByte() throws Exception {
        // given awkward values, copied out by the server itself
        TestPostgres pg = TestPostgres.get();
        String db = pg.createDatabase("copytext");
        try {
            pg.execute(db, """
                    CREATE TABLE awkward (id int, t text, j jsonb, b bytea, a text[]);
                    INSERT INTO awkward VALUES
                      (1, E'tab\\there\\nnew line\\\\ back\\rslash', '{"k": "v\\\\u0009"}', '\\x00ff', ARRAY['x,y', NULL]),
                      (2, NULL, NULL, NULL, NULL),
                      (3, '\\N', '[]', ''::bytea, '{}'),
                      (4, 'ünïcödé ✓ 中文', '{"a": [1, 2.50]}', 'abc', ARRAY['"quoted"'])""");
            String copied;
            try (Connection c = pg.connect(db)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY awkward TO STDOUT", out);
                copied = out.toString(StandardCharsets.UTF_8);
            }

            // when every line is parsed and formatted again
            List<String> lines = Arrays.asList(copied.split("\n"));
            List<String> again = new ArrayList<>();
            for (String line : lines) {
                StringBuilder formatted = new StringBuilder();
                CopyText.format(CopyText.parse(line), formatted);
                again.add(formatted.toString());
            }

            // then nothing changed, and the fields are the decoded values
            assertThat(again).isEqualTo(lines);
            assertThat(CopyText.parse(lines.get(0)).get(1)).isEqualTo("tab\there\nnew line\\ back\rslash");
            assertThat(CopyText.parse(lines.get(1))).containsExactly("2", null, null, null, null);
            assertThat(CopyText.parse(lines.get(2)).get(1)).isEqualTo("\\N");
        } finally {
            pg.dropDatabase(db);
        }
    }
}
