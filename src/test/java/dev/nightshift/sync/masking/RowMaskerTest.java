package dev.nightshift.sync.masking;

import dev.nightshift.postgres.CopyText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowMaskerTest {

    static final byte[] SALT = "a-test-salt-of-enough-length".getBytes(StandardCharsets.UTF_8);
    static final List<String> COLUMNS = List.of("id", "email", "name", "note");

    static TableRules usersRules() {
        return new TableRules(Map.of(
                "email", ColumnRule.of("template", "template", "user_{id}@test.example.com"),
                "name", ColumnRule.of("fake", "provider", "name")),
                Set.of("id", "note"), false, false, null);
    }

    @Test
    void masksOnlyTheMaskedColumnsFromTheRowsOriginalValues() {
        // given
        RowMasker masker = RowMasker.forTable(COLUMNS, usersRules(), SALT);
        StringBuilder out = new StringBuilder();

        // when a row with an escaped note and a NULL name is masked
        masker.mask("42\tanna@corp.example\t\\N\tline one\\nline two", out);

        // then the kept columns are byte-identical, the email comes from the template and NULL stays NULL
        assertThat(masker.passThrough()).isFalse();
        assertThat(out.toString()).isEqualTo("42\tuser_42@test.example.com\t\\N\tline one\\nline two");
    }

    @Test
    void sameInputAndSaltGiveTheSameOutputAndNoOriginalValueSurvives() {
        RowMasker first = RowMasker.forTable(COLUMNS, usersRules(), SALT);
        RowMasker second = RowMasker.forTable(COLUMNS, usersRules(), SALT);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();

        first.mask("7\tbob@corp.example\tBob Secretname\tx", a);
        second.mask("7\tbob@corp.example\tBob Secretname\tx", b);

        assertThat(a.toString()).isEqualTo(b.toString()).doesNotContain("bob@corp.example").doesNotContain("Secretname");
        assertThat(CopyText.parse(a)).hasSize(4);
    }

    @Test
    void tableWithoutMaskedColumnsPassesRowsThroughUnparsed() {
        RowMasker masker = RowMasker.forTable(COLUMNS, new TableRules(Map.of(), Set.of(), true, false, null), SALT);
        StringBuilder out = new StringBuilder();

        // a line that would not even parse into four fields goes through untouched
        masker.mask("not\ta\\xZZ row", out);

        assertThat(masker.passThrough()).isTrue();
        assertThat(out.toString()).isEqualTo("not\ta\\xZZ row");
    }

    @Test
    void rowWithTheWrongNumberOfFieldsIsRefusedRatherThanMaskedOutOfPlace() {
        RowMasker masker = RowMasker.forTable(COLUMNS, usersRules(), SALT);

        assertThatThrownBy(() -> masker.mask("1\tonly-three\tfields", new StringBuilder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 fields").hasMessageNotContaining("only-three");
    }
}
