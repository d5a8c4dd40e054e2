package dev.nightshift.migration.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting migration files into statements, as the rollback and the rehearsal run them one by one. */
class SqlStatementsTest {

    @Test
    void semicolonsInsideQuotesCommentsAndDollarBodiesDoNotEndAStatement() {
        String sql = """
                -- a comment; with a semicolon
                INSERT INTO t VALUES ('a;b', 'it''s;');
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$;
                /* block; comment */ SELECT "odd;name" FROM t WHERE x = $1;
                ;
                """;

        List<String> statements = SqlStatements.split(sql);

        assertThat(statements).hasSize(3);
        assertThat(statements.get(0)).endsWith("INSERT INTO t VALUES ('a;b', 'it''s;')");
        assertThat(statements.get(1)).startsWith("CREATE FUNCTION").endsWith("END; $body$");
        assertThat(statements.get(2)).endsWith("SELECT \"odd;name\" FROM t WHERE x = $1");
    }

    @Test
    void statementsPostgresRefusesInATransactionAreRecognised() {
        assertThat(SqlStatements.nonTransactional("-- why\nCREATE UNIQUE INDEX CONCURRENTLY i ON t (a)")).isTrue();
        assertThat(SqlStatements.nonTransactional("drop index concurrently if exists i")).isTrue();
        assertThat(SqlStatements.nonTransactional("REINDEX INDEX CONCURRENTLY i")).isTrue();
        assertThat(SqlStatements.nonTransactional("VACUUM t")).isTrue();
        assertThat(SqlStatements.nonTransactional("CREATE INDEX i ON t (a)")).isFalse();
        assertThat(SqlStatements.nonTransactional("COMMENT ON TABLE t IS 'built CONCURRENTLY later'")).isFalse();
    }

    @Test
    void theSaferFormFollowsTheShapeOfTheStatement() {
        assertThat(SaferForms.forStatement(SqlStatements.normalized("create index i on t (a)"))).startsWith("CREATE INDEX CONCURRENTLY");
        assertThat(SaferForms.forStatement(SqlStatements.normalized("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u")))
                .contains("NOT VALID");
        assertThat(SaferForms.forStatement(SqlStatements.normalized("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u NOT VALID")))
                .doesNotContain("NOT VALID, then");
        assertThat(SaferForms.forStatement(SqlStatements.normalized("ALTER TABLE t ALTER COLUMN a SET NOT NULL"))).contains("CHECK");
        assertThat(SaferForms.forStatement(SqlStatements.normalized("ALTER TABLE t ADD COLUMN c timestamptz DEFAULT clock_timestamp()")))
                .contains("without a default");
    }
}
