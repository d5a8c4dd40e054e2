package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static dev.nightshift.sync.masking.ValidatorFixture.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the validator demands of masked unique keys, foreign keys, row filters and skip-data tables. */
class MaskingRuleKeysTest extends ValidatorSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"{strategy: fake, provider: phone}", "{strategy: random}", "{strategy: constant, value: x}",
            "{strategy: partial, keep-last: 2}", "{strategy: \"null\"}", "{strategy: hash, length: 31}",
            "{strategy: template, template: \"p_{tenant}\"}", "{strategy: template, template: \"p_{masked.email}\"}"})
    void rejectsAStrategyThatCanMakeAUniqueColumnCollide(String rule) throws IOException {
        // given phone, under a unique index, masked by a non-injective rule ({masked.email} is not a kept column)
        String rules = VALID.replace("phone:      {strategy: hash, length: 32}", "phone: " + rule);

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::table, Problem::column)
                .containsExactly(tuple("public.customers", "phone"));
        assertThat(report.problems().get(0).message()).contains("unique index customers_phone_idx (phone)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{strategy: keep}", "{strategy: hash}", "{strategy: hash, length: 32}",
            "{strategy: template, template: \"p_{tenant}_{id}\"}"})
    void acceptsAnInjectiveStrategyOnAUniqueColumn(String rule) throws IOException {
        // given
        String rules = VALID.replace("phone:      {strategy: hash, length: 32}", "phone: " + rule);

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void namesTheCompositeUniqueConstraintAColumnBelongsTo() throws IOException {
        // given
        String rules = VALID.replace("template: \"login_{id}\"}", "template: \"login_{tenant}\"}");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::message).containsExactly("is part of unique constraint "
                + "customers_tenant_login_key (tenant, login), but template has no placeholder of a column that is "
                + "unique on its own and kept unchanged; use keep, hash (length >= 32) or a template with such a "
                + "column, e.g. {id}");
    }

    @Test
    void reportsBothEndsOfAForeignKeyWhoseRulesDiffer() throws IOException {
        // given the referencing column with a shorter hash than the referenced one
        String rules = VALID.replace("customer_email: {strategy: hash}", "customer_email: {strategy: hash, length: 32}");

        // when
        ValidationReport report = validate(rules);

        // then
        String message = "foreign key orders_customer_email_fkey pairs public.orders.customer_email "
                + "({strategy: hash, length: 32}) with public.customers.email ({strategy: hash}); give both the identical rule";
        assertThat(report.problems()).containsExactly(new Problem("public.orders", "customer_email", message),
                new Problem("public.customers", "email", message));
    }

    @Test
    void reportsAForeignKeyMaskedOnOneEndOnly() throws IOException {
        // given
        String rules = VALID.replace("customer_email: {strategy: hash}\n    keep: [id, customer_id, note]",
                "{}\n    keep: [id, customer_id, note, customer_email]");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::table, Problem::column)
                .containsExactly(tuple("public.orders", "customer_email"), tuple("public.customers", "email"));
        assertThat(report.problems().get(0).message()).contains("(copied unchanged) with public.customers.email");
    }

    @Test
    void rejectsATemplateOnBothEndsOfAForeignKey() throws IOException {
        // given identical rules, but a template reads the row's own id, which differs between the tables
        String rules = VALID.replace("email:      {strategy: hash}", "email: {strategy: template, template: \"u_{id}\"}")
                .replace("customer_email: {strategy: hash}", "customer_email: {strategy: template, template: \"u_{id}\"}");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).extracting(Problem::table, Problem::column)
                .containsExactly(tuple("public.orders", "customer_email"), tuple("public.customers", "email"));
        assertThat(report.problems().get(0).message()).contains("both masked with template");
    }

    @Test
    void rejectsARowFilterOnAReferencedTable() throws IOException {
        // given
        String rules = VALID.replace("    keep: [id, tenant]", "    keep: [id, tenant]\n    filter: \"tenant = 1\"");

        // when
        ValidationReport report = validate(rules);

        // then
        assertThat(report.problems()).containsExactly(new Problem("public.customers", null, "has a row filter, but "
                + "foreign keys of public.orders, public.sessions point to it, so rows they need could be left out; "
                + "remove the filter"));
    }

    @Test
    void rejectsSkipDataOnATableThatCopiedRowsReference() throws IOException {
        // given customers skipped while orders still copies rows (sessions is skip-data itself)
        String customersSkipped = VALID.replaceAll("(?s)  public.customers:.*?keep: \\[id, tenant]",
                "  public.customers: {skip-data: true}");
        String ordersSkippedToo = customersSkipped.replaceAll("(?s)  public.orders:.*?keep: \\[id, customer_id, note]",
                "  public.orders: {skip-data: true}");

        // when
        ValidationReport report = validate(customersSkipped);
        ValidationReport bothSkipped = validate(ordersSkippedToo);

        // then
        assertThat(report.problems()).containsExactly(new Problem("public.customers", null, "is skip-data, but "
                + "public.orders copy rows that reference it, so their foreign keys could not be created; copy its "
                + "rows or skip theirs too"));
        assertThat(bothSkipped.problems()).isEmpty();
    }

    private ValidationReport validate(String yaml) throws IOException {
        return fixture.validate(dir, yaml);
    }
}
