package dev.nightshift.sync;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leak paths through the rules: each one is refused before anything is written (exit 2), staging stays
 * exactly as it was, and neither the output, the run reports nor the ops database holds the original value.
 */
class SyncRulesLeakZooTest {

    /** A small production schema with names, emails and codes, each row's values known to the test. */
    private static final String MEMBERS = """
            CREATE TABLE members (
              id bigint PRIMARY KEY,
              code text NOT NULL UNIQUE,
              nick integer UNIQUE,
              first_name text NOT NULL,
              last_name text NOT NULL,
              email text NOT NULL,
              handle text UNIQUE,
              deleted_at timestamptz);
            INSERT INTO members VALUES
              (1, 'A7', NULL, 'MARY', 'SMITH', 'mary.smith@corp.example', 'msmith', NULL),
              (2, 'B8', NULL, 'JOHN', 'DOE', 'john.doe@corp.example', 'jdoe', NULL),
              (17, '1', 3, 'ANNA', 'LEE', 'anna.lee@corp.example', 'alee', now());
            """;
    private static final String MEMBER_RULES = """
            tables:
              public.members:
                columns:
                  first_name: {strategy: fake, provider: first_name}
                  last_name:  {strategy: fake, provider: last_name}
                  %s
                keep: [id, code, nick, deleted_at%s]
            """;

    SyncFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aTemplateOverMaskedColumnsIsRefusedBeforeAnythingIsWritten() throws Exception {
        // given the report's case: first_name and last_name masked by fake, the email built from them
        fixture = members("email: {strategy: template, template: \"{first_name}.{last_name}@test.example.com\"}\n"
                + "      handle: {strategy: template, template: \"h_{id}\"}", "");

        // when / then
        CliResult result = refusedBeforeWriting("MARY", "SMITH", "mary.smith@corp.example");
        assertThat(result.err()).contains("public.members").contains("email")
                .contains("placeholder {first_name} would copy the original value of first_name")
                .contains("{masked.first_name}").contains("{masked.last_name}");
    }

    @Test
    void aTemplateOverMaskedValuesCopiesNoOriginal() throws Exception {
        // given the same email built from the masked names, as {masked.col} offers
        fixture = members("email: {strategy: template, template: \"{masked.first_name}.{masked.last_name}.{id}@test.example.com\"}\n"
                + "      handle: {strategy: template, template: \"h_{id}\"}", "");

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");

        // then the copy's emails are made of its own masked names, never of the originals
        assertThat(result.exitCode()).as(result.all()).isZero();
        try (Connection c = PG.connect(fixture.staging); ResultSet rs = c.createStatement().executeQuery(
                "SELECT first_name, last_name, email, id FROM members ORDER BY id")) {
            while (rs.next()) {
                assertThat(rs.getString(3)).isEqualTo(rs.getString(1) + "." + rs.getString(2) + "." + rs.getLong(4)
                        + "@test.example.com");
                assertThat(rs.getString(3)).doesNotContain("MARY").doesNotContain("JOHN").doesNotContain("ANNA");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nullable placeholder | handle: {strategy: template, template: \"h_{nick}\"} | placeholder {nick} is unique but nullable",
            "two placeholders without separator | handle: {strategy: template, template: \"{code}{id}\"} | cannot be cut out",
            "unique expression index | handle: {strategy: template, template: \"h_{code}\"} | lower() or upper()",
            "partial unique index reading the masked column | handle: {strategy: hash} | WHERE condition reads the masked column"})
    void aRuleThatCannotBeProvenUniqueIsRefusedBeforeAnythingIsWritten(String name, String rule, String message)
            throws Exception {
        // given members whose handle has a unique index of the kind the case needs
        String index = switch (name) {
            case "unique expression index" -> "CREATE UNIQUE INDEX members_handle_lower ON members (lower(handle));";
            case "partial unique index reading the masked column" ->
                    "CREATE UNIQUE INDEX members_handle_set ON members (handle) WHERE handle <> '';";
            default -> "";
        };
        fixture = SyncFixture.builder().schema(MEMBERS + index).rules(rules(MEMBER_RULES.formatted(
                "email: {strategy: template, template: \"m_{id}@test.example.com\"}\n      " + rule, ""))).build();

        // when / then
        CliResult result = refusedBeforeWriting("msmith", "jdoe", "mary.smith@corp.example");
        assertThat(result.err()).contains("public.members").contains("handle").contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '~', value = {
            "contact_email # (SELECT u.email FROM users u WHERE u.id = invoices.user_id) # its name and type look personal",
            "reach # '+1 555 01' || lpad(id::text, 2, '0') || ' 77' # like phone numbers",
            "origin # '10.20.' || (id % 200) || '.7' # like IP addresses",
            "ref # md5(id::text) || md5('x' || id) # like long random tokens",
            "billed_to # (SELECT u.name FROM users u WHERE u.id = invoices.user_id) # like values of masked columns",
            "memo # 'paid by ' || (SELECT u.email FROM users u WHERE u.id = invoices.user_id) || ' on time' # like email addresses"})
    void anUnreviewedPersonalColumnOnAKeepAllTableIsRefusedBeforeAnythingIsWritten(String column, String value,
                                                                                  String why) throws Exception {
        // given production got a column on invoices, which the repository's rules copy with keep-all
        fixture = SyncFixture.builder().users(30).rules(repositoryRules()).build();
        PG.execute(fixture.prod, "ALTER TABLE invoices ADD COLUMN " + column + " text;"
                + " UPDATE invoices SET " + column + " = " + value);
        String leaked = firstValue("SELECT " + column + " FROM invoices WHERE " + column + " IS NOT NULL LIMIT 1");

        // when / then refused with a suggested rule, naming the column and the evidence, never the value
        CliResult result = refusedBeforeWriting(leaked);
        assertThat(result.err()).contains("public.invoices").contains(column)
                .contains("copied unmasked by keep-all").contains(why).contains("strategy:").contains("keep:");
    }

    @Test
    void aReviewedColumnNamedUnderKeepOnAKeepAllTableIsCopied() throws Exception {
        // given the same new email column, but reviewed and acknowledged under keep:
        Path rules = repositoryRules();
        Files.writeString(rules.resolve("auth.yml"), Files.readString(rules.resolve("auth.yml"))
                .replace("public.invoices: {keep-all: true}", "public.invoices: {keep-all: true, keep: [contact_email]}"));
        fixture = SyncFixture.builder().users(20).rules(rules).build();
        PG.execute(fixture.prod, "ALTER TABLE invoices ADD COLUMN contact_email text;"
                + " UPDATE invoices SET contact_email = 'billing@corp.example'");

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--database", "auth", "--check");

        // then no refusal, but --check still says what the column looks like (counts only)
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("public.invoices.contact_email:").contains("look like email addresses")
                .doesNotContain("billing@corp.example");
    }

    @Test
    void unflaggedUnreviewedColumnsAreWarningsInTheLogAndTheReport() throws Exception {
        // given the repository's rules: roles, user_roles and invoices are keep-all with nothing named
        fixture = SyncFixture.builder().users(20).rules(repositoryRules()).build();

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");

        // then the sync runs, and the unreviewed columns are listed by name
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.all()).contains("public.invoices: 7 column(s) copied unmasked by keep-all were never"
                + " reviewed: id, user_id, number, amount, currency, issued_at, paid");
        Path report = Files.list(fixture.reports()).findFirst().orElseThrow();
        assertThat(SyncReport.read(report).notes()).anySatisfy(n -> assertThat(n)
                .startsWith("public.roles: 3 column(s) copied unmasked by keep-all were never reviewed: id, name, description"));
    }

    @Test
    void checkSaysWhichKeptColumnsLookPersonalWithCountsOnly() throws Exception {
        // given an email the application copied into the kept jsonb audit payload
        fixture = SyncFixture.builder().users(20).rules(repositoryRules()).build();
        PG.execute(fixture.prod, "INSERT INTO audit_log (user_id, action, payload) SELECT id, 'user.support_note',"
                + " jsonb_build_object('note', 'customer wrote from ' || email) FROM users ORDER BY id LIMIT 2");
        String leaked = firstValue("SELECT email FROM users ORDER BY id LIMIT 1");

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--database", "auth", "--check");

        // then
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("public.audit_log.payload: 2 of ").contains("look like email addresses")
                .doesNotContain(leaked);
    }

    private SyncFixture members(String rules, String kept) throws IOException {
        return SyncFixture.builder().schema(MEMBERS).rules(rules(MEMBER_RULES.formatted(rules, kept))).build();
    }

    /** Exit 2, staging exactly as before, no copy, no spool, no report, and none of {@code originals} anywhere. */
    private CliResult refusedBeforeWriting(String... originals) throws SQLException {
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("nothing was written");
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(before);
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertThat(fixture.workDirectory()).doesNotExist();
        for (String original : originals) {
            assertThat(result.all()).doesNotContain(original);
            assertThat(opsRowsHolding(original)).as("rows of the ops database holding an original").isEmpty();
        }
        return result;
    }

    private List<String> opsRowsHolding(String value) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = PG.connect(fixture.nightshift.opsDatabase())) {
            List<String> all = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT format('%I.%I', table_schema, table_name)"
                    + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
            for (String table : all) {
                try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " t WHERE strpos(t::text, ?) > 0")) {
                    s.setString(1, value);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            tables.add(table);
                        }
                    }
                }
            }
        }
        return tables;
    }

    private String firstValue(String sql) throws SQLException {
        try (Connection c = PG.connect(fixture.prod); ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static Path rules(String yaml) throws IOException {
        Path directory = Files.createTempDirectory("rules");
        Files.writeString(directory.resolve("auth.yml"), yaml);
        return directory;
    }

    private static Path repositoryRules() throws IOException {
        Path directory = Files.createTempDirectory("rules");
        Files.copy(Path.of("jobs/masking/auth.yml"), directory.resolve("auth.yml"));
        return directory;
    }
}
