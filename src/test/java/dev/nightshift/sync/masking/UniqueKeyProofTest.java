package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sound uniqueness: a masked column under a unique key is proven distinct or refused before the run, also
 * for nullable placeholders, several placeholders, expression and partial unique indexes.
 */
class UniqueKeyProofTest {

    private static final TestPostgres PG = TestPostgres.get();
    private static String database;
    private static LiveSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTheSchema() throws SQLException {
        database = PG.createDatabase("unique_proof");
        PG.execute(database, """
                CREATE TABLE accounts (
                  id bigint PRIMARY KEY,
                  code text NOT NULL UNIQUE,
                  ref uuid NOT NULL UNIQUE,
                  nick integer UNIQUE,
                  slug text UNIQUE,
                  email text NOT NULL,
                  handle text,
                  login text,
                  token text,
                  alias text,
                  mail text,
                  mail_key text GENERATED ALWAYS AS (upper(mail)) STORED UNIQUE,
                  memo text,
                  memo_head text GENERATED ALWAYS AS ("left"(memo, 4)) STORED UNIQUE,
                  deleted_at timestamptz);
                CREATE UNIQUE INDEX accounts_email_lower ON accounts (lower(email));
                CREATE UNIQUE INDEX accounts_handle_prefix ON accounts (substr(handle, 1, 8));
                CREATE UNIQUE INDEX accounts_login_live ON accounts (login) WHERE deleted_at IS NULL;
                CREATE UNIQUE INDEX accounts_token_set ON accounts (token) WHERE token <> '';
                CREATE UNIQUE INDEX accounts_alias_known ON accounts (alias) WHERE nick IS NOT NULL;
                """);
        try (Connection c = PG.connect(database)) {
            schema = LiveSchema.read(c);
        }
    }

    @AfterAll
    static void dropTheDatabase() {
        PG.dropDatabase(database);
    }

    /** Every column kept but {@code column}, which gets {@code rule}. */
    private ValidationReport validate(String column, String rule) throws IOException {
        String kept = String.join(", ", java.util.stream.Stream.of("id", "code", "ref", "nick", "slug", "email",
                "handle", "login", "token", "alias", "mail", "memo", "deleted_at").filter(c -> !c.equals(column)).toList());
        Path file = Files.writeString(dir.resolve("rules.yml"), "tables:\n  public.accounts:\n    columns:\n      "
                + column + ": " + rule + "\n    keep: [" + kept + "]\n");
        return MaskingRuleValidator.validate(MaskingRulesLoader.load(file), schema);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // nullable placeholder: every NULL renders as the same empty text
            "slug | {strategy: template, template: \"s_{nick}\"}   | nullable",
            "slug | {strategy: template, template: \"s_{id}\"}     | ",
            // several placeholders: only a separator that cannot occur in the neighbour's values cuts them apart
            "slug | {strategy: template, template: \"{code}{id}\"}  | unambiguously",
            "slug | {strategy: template, template: \"{id}{code}\"}  | unambiguously",
            "slug | {strategy: template, template: \"{ref}{id}\"}   | unambiguously",
            "slug | {strategy: template, template: \"{id}-{code}\"} | unambiguously",
            "slug | {strategy: template, template: \"{id}_{code}\"} | ",
            "slug | {strategy: template, template: \"{code}_{id}\"} | ",
            "slug | {strategy: template, template: \"{ref}.{id}\"}  | ",
            "slug | {strategy: template, template: \"{code}/{ref}\"} | ",
            // an expression index: lower() of distinct masked values may be equal
            "email | {strategy: template, template: \"u_{id}@test.example.com\"} | ",
            "email | {strategy: template, template: \"u_{ref}@test.example.com\"} | ",
            "email | {strategy: hash} | ",
            "email | {strategy: template, template: \"{code}@test.example.com\"} | lower() or upper()",
            "email | {strategy: fake, provider: email} | can map distinct values",
            "handle | {strategy: hash} | expression substr(handle, 1, 8)",
            // a unique generated column is an expression index the target recomputes from the masked value
            "mail | {strategy: template, template: \"m_{id}@test.example.com\"} | ",
            "mail | {strategy: template, template: \"{code}@test.example.com\"} | lower() or upper()",
            "memo | {strategy: hash} | expression \"left\"(memo, 4)",
            // a partial index: its condition must select the same rows on the target
            "login | {strategy: template, template: \"l_{id}\"} | ",
            "login | {strategy: hash} | ",
            "login | {strategy: fake, provider: email} | can map distinct values",
            "token | {strategy: hash} | WHERE condition reads the masked column",
            "token | {strategy: template, template: \"t_{id}\"} | WHERE condition reads the masked column",
            // a nullable placeholder is fine where the index leaves its NULL rows out
            "alias | {strategy: template, template: \"a_{nick}\"} | "})
    void provesOrRefusesAMaskedColumnUnderAUniqueKey(String column, String rule, String refusal) throws IOException {
        // when
        ValidationReport report = validate(column, rule);

        // then
        if (refusal == null) {
            assertThat(report.problems()).isEmpty();
        } else {
            assertThat(report.problems()).hasSize(1);
            assertThat(report.problems().get(0).table()).isEqualTo("public.accounts");
            assertThat(report.problems().get(0).column()).isEqualTo(column);
            assertThat(report.problems().get(0).message()).contains(refusal);
        }
    }
}
