package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateStrategyTest {

    private final Row row = Row.of(Map.of("id", "42", "email", "anna@real.example", "kind", "admin"));

    @Test
    void fillsPlaceholdersFromTheOriginalRowValues() {
        // given
        MaskingStrategy email = Salts.create(ColumnRule.of("template", "template", "user_{id}@test.example.com"));
        MaskingStrategy two = Salts.create(ColumnRule.of("template", "template", "masked_{kind}_{id}"));
        MaskingStrategy plain = Salts.create(ColumnRule.of("template", "template", "Test User"));

        // when / then
        assertThat(email.mask("anna@real.example", row)).isEqualTo("user_42@test.example.com");
        assertThat(two.mask("s3cr3t", row)).isEqualTo("masked_admin_42");
        assertThat(plain.mask("Anna", row)).isEqualTo("Test User");
    }

    @Test
    void aNullPlaceholderBecomesEmptyAndANullValueStaysNull() {
        Map<String, String> values = new HashMap<>();
        values.put("id", null);
        MaskingStrategy strategy = Salts.create(ColumnRule.of("template", "template", "Test User {id}"));

        assertThat(strategy.mask("Anna", Row.of(values))).isEqualTo("Test User ");
        assertThat(strategy.mask(null, row)).isNull();
    }

    @Test
    void unknownColumnAndBrokenTemplateAreNamed() {
        MaskingStrategy strategy = Salts.create(ColumnRule.of("template", "template", "user_{uuid}"));

        assertThatThrownBy(() -> strategy.mask("x", row)).hasMessage("the row has no column uuid");
        assertThatThrownBy(() -> Salts.create(ColumnRule.of("template", "template", "user_{id")))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessage("template has an unclosed '{' at position 5");
    }
}
