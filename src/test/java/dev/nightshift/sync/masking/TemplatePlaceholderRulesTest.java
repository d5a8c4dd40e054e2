package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.nightshift.sync.masking.ValidatorFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Rules that cannot copy an original: a template names only kept columns, or a column's masked value. */
class TemplatePlaceholderRulesTest extends ValidatorSchemaTest {

    private static final byte[] SALT = "a-test-salt-of-enough-length".getBytes(StandardCharsets.UTF_8);

    @Test
    void refusesATemplateOverMaskedColumnsNamingTableColumnAndRule() throws IOException {
        // given the case of the report: first and last name masked by fake, an email template reading them
        String rules = VALID.replace("email:      {strategy: hash}",
                        "email:      {strategy: hash}\n      phone: {strategy: template, template: \"{first_name}.{last_name}@test.example.com\"}")
                .replace("      phone:      {strategy: hash, length: 32}\n", "")
                .replace("last_name:  {strategy: \"null\"}", "last_name:  {strategy: fake, provider: last_name}");

        // when
        ValidationReport report = validate(rules);

        // then one problem per masked placeholder, naming table, column, rule and the way out
        assertThat(report.problems()).extracting(Problem::table, Problem::column)
                .contains(tuple("public.customers", "phone"));
        assertThat(report.problems()).filteredOn(p -> p.message().contains("original value"))
                .extracting(Problem::message).containsExactly(
                        "rule {strategy: template, template: \"{first_name}.{last_name}@test.example.com\"}: placeholder"
                                + " {first_name} would copy the original value of first_name, which the rules mask"
                                + " ({strategy: fake, provider: first_name}); write {masked.first_name} for its masked"
                                + " value, or keep first_name unchanged",
                        "rule {strategy: template, template: \"{first_name}.{last_name}@test.example.com\"}: placeholder"
                                + " {last_name} would copy the original value of last_name, which the rules mask"
                                + " ({strategy: fake, provider: last_name}); write {masked.last_name} for its masked"
                                + " value, or keep last_name unchanged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{strategy: template, template: \"{masked.first_name}.{id}@test.example.com\"}",
            "{strategy: template, template: \"{tenant}-{masked.last_name}_{id}\"}"})
    void acceptsKeptColumnsAndMaskedValues(String rule) throws IOException {
        // given phone (unique) from kept columns and masked values
        String rules = VALID.replace("phone:      {strategy: hash, length: 32}", "phone: " + rule);

        // when / then
        assertThat(validate(rules).problems()).isEmpty();
    }

    @Test
    void refusesAPlaceholderInsideAJsonPath() throws IOException {
        // given a json rule whose nested template reads a masked column
        String rules = VALID.replace("    keep: [id, customer_id, note]",
                "      note: {strategy: json, paths: {contact: {strategy: template, template: \"{customer_email}\"}}}\n"
                        + "    keep: [id, customer_id]");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::table, Problem::column, p -> p.message().contains("{masked.customer_email}"))
                .containsExactly(tuple("public.orders", "note", true));
    }

    @Test
    void refusesAChainOfMaskedValues() throws IOException {
        // given login reads the masked phone, whose template itself reads a masked value
        String rules = VALID.replace("phone:      {strategy: hash, length: 32}",
                        "phone: {strategy: template, template: \"{masked.name}_{id}\"}")
                .replace("template: \"login_{id}\"}", "template: \"login_{masked.phone}_{id}\"}");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::column).containsExactly("login");
        assertThat(report.problems().get(0).message()).contains("{masked.phone}").contains("itself computed from a masked value");
    }

    @Test
    void aMaskedPlaceholderRendersTheColumnsMaskedValueNeverItsOriginal() {
        // given
        TableRules rules = new TableRules(Map.of(
                "first_name", ColumnRule.of("fake", "provider", "first_name"),
                "email", ColumnRule.of("template", "template", "{masked.first_name}.{id}@test.example.com")),
                Set.of("id"), false, false, null);
        RowMasker masker = RowMasker.forTable(List.of("id", "first_name", "email"), rules, SALT);
        StringBuilder out = new StringBuilder();

        // when
        masker.mask("7\tMARY\tmary.smith@corp.example", out);

        // then the email carries exactly the first name written to the row, not the original
        String[] fields = out.toString().split("\t");
        assertThat(fields[1]).isNotEqualTo("MARY");
        assertThat(fields[2]).isEqualTo(fields[1] + ".7@test.example.com").doesNotContainIgnoringCase("mary");
    }

    private ValidationReport validate(String yaml) throws IOException {
        return fixture.validate(dir, yaml);
    }
}
