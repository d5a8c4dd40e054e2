package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.nightshift.sync.masking.ValidatorFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Coverage, names and nullability; keys and row sets are in {@link MaskingRuleKeysTest}. */
class MaskingRuleValidatorTest extends ValidatorSchemaTest {

    @Test
    void acceptsRulesThatCoverEverythingSafely() throws IOException {
        // given the valid rules: template on a unique column via {id}, null on a nullable one, generated column
        // without a rule, keep-all with a filter on an unreferenced table, skip-data on an unreferenced one

        // when
        ValidationReport report = validate(VALID);

        // then
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
    }

    @Test
    void listsEveryColumnOfATableWithoutRulesAndSuggestsAnEntry() throws IOException {
        // given
        String rules = VALID.replace("  public.audit_log: {keep-all: true, filter: \"at > now() - interval '30 days'\"}\n", "");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.ok()).isFalse();
        assertThat(report.describe()).isEqualTo("""
                public.audit_log
                  id: not covered: the table has no rules
                  at: not covered: the table has no rules
                  ip: not covered: the table has no rules
                  suggested entry, to review and paste under tables:
                    public.audit_log:
                      columns:
                        ip: {strategy: fake, provider: ip}
                      # no suggestion, mask or keep: id, at""");
    }

    @Test
    void rejectsAColumnNeitherMaskedNorKeptAndSuggestsItsRule() throws IOException {
        // given phone dropped from a table that has rules
        String rules = VALID.replace("      phone:      {strategy: hash, length: 32}\n", "");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::table, Problem::column)
                .containsExactly(tuple("public.customers", "phone"));
        assertThat(report.uncovered()).containsExactly(new UncoveredColumn("public.customers", "phone", "text", true));
        assertThat(report.describe()).contains("merge into its entry", "        phone: {strategy: fake, provider: phone}");
    }

    @Test
    void rejectsAMaskingRuleOnAGeneratedColumn() throws IOException {
        // given
        String rules = VALID.replace("      last_name:  {strategy: \"null\"}",
                        "      last_name:  {strategy: \"null\"}\n      full_name:  {strategy: fake, provider: name}");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::table, Problem::column, Problem::message)
                .containsExactly(tuple("public.customers", "full_name", "is a generated column, recomputed from the "
                        + "masked values on the target; remove its masking rule"));
    }

    @Test
    void rejectsRulesForTablesColumnsAndPlaceholdersThatDoNotExist() throws IOException {
        // given three typos
        String rules = VALID.replace("public.sessions:", "public.sesions:")
                .replace("keep: [id, customer_id, note]", "keep: [id, customer_id, note, notes]")
                .replace("login_{id}", "login_{idd}");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::table, Problem::column).contains(
                tuple("public.sesions", null), tuple("public.orders", "notes"), tuple("public.customers", "login"));
        assertThat(report.problems()).filteredOn(p -> "login".equals(p.column())).extracting(Problem::message)
                .contains("template placeholder {idd} names no column of public.customers");
        // the misspelt entry leaves the real table without rules
        assertThat(report.problems()).extracting(Problem::table).contains("public.sessions");
    }

    @Test
    void rejectsNullOnANotNullColumn() throws IOException {
        // given
        String rules = VALID.replace("name:       {strategy: fake, provider: name}", "name: {strategy: \"null\"}");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).containsExactly(new Problem("public.customers", "name",
                "is NOT NULL, so strategy null cannot be used; pick another strategy"));
    }

    private ValidationReport validate(String yaml) throws IOException {
        return fixture.validate(dir, yaml);
    }

    @Test
    void rejectsARowFilterThatReadsAMaskedColumn() throws IOException {
        // given a filter on the masked customer_email (from a backup it would run on the masked values)
        String rules = VALID.replace("    keep: [id, customer_id, note]\n",
                "    keep: [id, customer_id, note]\n    filter: \"\\\"customer_email\\\" LIKE '%@corp.example' AND note IS NULL\"\n");

        // when
        ValidationReport report = validate(rules);

        // then that column is named, the kept column read by the same filter is not
        assertThat(report.problems()).filteredOn(p -> "customer_email".equals(p.column())).extracting(Problem::message)
                .singleElement().asString().contains("row filter reads it");
        assertThat(report.problems()).noneMatch(p -> "note".equals(p.column()));
    }
}
