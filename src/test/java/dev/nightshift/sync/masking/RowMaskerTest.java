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

    @Test
    void theByteLevelMaskGivesExactlyTheTextMasksOutput() {
        // given rows with escapes, NULLs, multi-byte characters and an escaped tab inside a masked value
        RowMasker masker = RowMasker.forTable(COLUMNS, usersRules(), SALT);
        String[] rows = {
                "42\tanna@corp.example\t\\N\tline one\\nline two",
                "7\tbj\u00f6rn\\t@corp.example\tBj\u00f6rn \u00c5berg\t\u2603 snow",
                "8\t\\N\t\\N\t\\N"};
        for (String row : rows) {
            StringBuilder text = new StringBuilder();
            masker.mask(row, text);
            byte[] bytes = ("xx" + row + "yy").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            // when masked as bytes (the data step's path)
            masker.mask(bytes, 2, bytes.length - 2, out);

            // then
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text.toString());
        }
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsRefusedRatherThanShifted() {
        RowMasker masker = RowMasker.forTable(COLUMNS, usersRules(), SALT);
        byte[] row = "1\ta@b.example\tname".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> masker.mask(row, 0, row.length, new java.io.ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 fields");
    }
}
