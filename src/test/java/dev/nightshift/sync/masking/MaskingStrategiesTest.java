package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskingStrategiesTest {

    static List<ColumnRule> everyStrategy() {
        return List.of(
                ColumnRule.of("template", "template", "user_{id}"),
                ColumnRule.of("fake", "provider", "name"),
                ColumnRule.of("hash"),
                ColumnRule.of("random"),
                ColumnRule.of("null"),
                ColumnRule.of("constant", "value", "DE"),
                ColumnRule.of("partial", "keep-last", 2),
                ColumnRule.of("json", "paths", Map.of("a", ColumnRule.of("constant", "value", "x"))),
                ColumnRule.of("keep"));
    }

    @ParameterizedTest
    @MethodSource("everyStrategy")
    void sqlNullStaysNullForEveryStrategy(ColumnRule rule) {
        // given
        MaskingStrategy strategy = Salts.create(rule);

        // when / then: nothing is invented where there was no data, constant included
        assertThat(strategy.mask(null, Row.of(Map.of("id", "1")))).isNull();
    }

    @Test
    void nullConstantAndKeep() {
        Row row = Row.empty();

        assertThat(Salts.create(ColumnRule.of("null")).mask("someone", row)).isNull();
        assertThat(Salts.create(ColumnRule.of("constant", "value", "DE")).mask("FR", row)).isEqualTo("DE");
        assertThat(Salts.create(ColumnRule.of("constant", "value", 42)).mask("7", row)).isEqualTo("42");
        assertThat(Salts.create(ColumnRule.of("keep")).mask("as is", row)).isEqualTo("as is");
    }

    @Test
    void anEmptySaltIsRefused() {
        assertThatThrownBy(() -> MaskingStrategies.create(ColumnRule.of("hash"), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the masking salt is empty");
    }

    @Test
    void optionsAStrategyDoesNotTakeAreRefused() {
        assertThatThrownBy(() -> Salts.create(ColumnRule.of("random", "length", 3)))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessage("strategy random has no option 'length'");
    }
}
