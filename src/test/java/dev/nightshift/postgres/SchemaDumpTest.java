package dev.nightshift.postgres;

import dev.nightshift.testsupport.DatabaseSnapshot;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaDumpTest {

    final TestPostgres pg = TestPostgres.get();

    @Test
    void equalSchemasGiveEqualTextAndADifferenceShows() {
        // given two databases with the same table, and a third with one more column
        String a = pg.createDatabase("schema_a");
        String b = pg.createDatabase("schema_b");
        String c = pg.createDatabase("schema_c");
        try {
            String ddl = "CREATE TABLE account (id bigint PRIMARY KEY, email text NOT NULL);"
                    + " COMMENT ON TABLE account IS 'people'";
            pg.execute(a, ddl);
            pg.execute(b, ddl);
            pg.execute(c, ddl + "; ALTER TABLE account ADD COLUMN phone text");

            // when / then
            String dumpA = DatabaseSnapshot.schema(a);
            assertThat(dumpA).contains("CREATE TABLE public.account").doesNotContain("--").doesNotContain("\\restrict");
            assertThat(DatabaseSnapshot.schema(b)).isEqualTo(dumpA);
            assertThat(DatabaseSnapshot.schema(c)).isNotEqualTo(dumpA).contains("phone text");
        } finally {
            pg.dropDatabase(a);
            pg.dropDatabase(b);
            pg.dropDatabase(c);
        }
    }
}
