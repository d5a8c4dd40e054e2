package dev.nightshift.sync.masking;

import dev.nightshift.postgres.CopyBinary;
import dev.nightshift.postgres.CopyText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The COPY binary path of {@link RowMasker} must give what the text path gives for the same row. */
class BinaryRowMaskingTest {

    static final List<String> COLUMNS = List.of("id", "email", "profile", "photo", "active", "ref", "note");
    static final List<String> TYPES = List.of("int8", "text", "jsonb", "bytea", "bool", "uuid", "text");

    static TableRules rules() {
        return new TableRules(Map.of(
                "email", ColumnRule.of("template", "template", "user_{id}@test.example.com"),
                "profile", ColumnRule.of("json", "paths", Map.of("phone", ColumnRule.of("hash"))),
                "photo", ColumnRule.of("null"),
                "note", ColumnRule.of("fake", "provider", "name")),
                Set.of("id", "active", "ref"), false, false, null);
    }

    /** One row in COPY binary form, built with the codecs from text values (null for NULL). */
    static byte[] binaryRow(String... values) {
        ByteSink row = new ByteSink(64);
        row.writeShort(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                row.writeInt(-1);
            } else {
                byte[] encoded = BinaryCodec.forType(TYPES.get(i)).encode(values[i]);
                row.writeInt(encoded.length);
                row.write(encoded, 0, encoded.length);
            }
        }
        return Arrays.copyOf(row.array(), row.size());
    }

    static List<String> decode(byte[] row) {
        List<String> values = new ArrayList<>();
        int position = 2;
        for (String type : TYPES) {
            int length = CopyBinary.int32(row, position);
            position += 4;
            values.add(length < 0 ? null : BinaryCodec.forType(type).decode(row, position, length));
            position += Math.max(0, length);
        }
        return values;
    }

    @Test
    void masksABinaryRowExactlyAsTheTextPathMasksTheSameRow() {
        // given a row with a negative id, a jsonb profile, a bytea photo, a NULL note and an escaped character
        String[] values = {"-42", "anna@corp.example", "{\"phone\": \"+1 555 0100\", \"tab\": \"a\\tb\"}", "\\xdeadbeef",
                "t", "0b7e0c6a-7a51-4f3e-9d83-2f1c43d9c2a1", "Anna\tSmith"};
        byte[] row = binaryRow(values);
        RowMasker binary = RowMasker.forTable(COLUMNS, TYPES, rules(), RowMaskerTest.SALT);
        RowMasker text = RowMasker.forTable(COLUMNS, rules(), RowMaskerTest.SALT);

        // when
        ByteSink out = new ByteSink(16);
        binary.maskBinary(row, 0, row.length, out);
        StringBuilder line = new StringBuilder();
        CopyText.format(Arrays.asList(values), line);
        StringBuilder maskedLine = new StringBuilder();
        text.mask(line, maskedLine);

        // then the same values, field for field, and the kept ones untouched
        List<String> masked = decode(Arrays.copyOf(out.array(), out.size()));
        assertThat(masked).isEqualTo(CopyText.parse(maskedLine));
        assertThat(masked.get(1)).isEqualTo("user_-42@test.example.com");
        assertThat(masked.get(3)).isNull();
        assertThat(masked.get(5)).isEqualTo(values[5]);
        assertThat(masked.get(6)).isNotEqualTo(values[6]);
    }

    @Test
    void rejectsARowWithAnotherNumberOfFields() {
        RowMasker masker = RowMasker.forTable(COLUMNS, TYPES, rules(), RowMaskerTest.SALT);
        byte[] row = binaryRow("1", "a@b.example", "{}", null, "f", null, null);
        row[1] = 6; // the field count says 6

        assertThatThrownBy(() -> masker.maskBinary(row, 0, row.length, new ByteSink(16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 fields");
    }

    @Test
    void codecsRoundTripTheirTextFormsAndRefuseWhatDoesNotFit() {
        for (String[] typeAndValue : new String[][] {{"int2", "-32768"}, {"int4", "2147483647"},
                {"int8", "-9223372036854775808"}, {"bytea", "\\x00ff10"}, {"jsonb", "{\"a\": 1}"}, {"bool", "f"},
                {"uuid", "00000000-0000-0000-0000-000000000001"}, {"varchar", "Zoë"}}) {
            BinaryCodec codec = BinaryCodec.forType(typeAndValue[0]);
            byte[] encoded = codec.encode(typeAndValue[1]);
            assertThat(codec.decode(encoded, 0, encoded.length)).as(typeAndValue[0]).isEqualTo(typeAndValue[1]);
        }
        assertThatThrownBy(() -> BinaryCodec.forType("int2").encode("40000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BinaryCodec.forType("bytea").encode("plain")).hasMessageContaining("hex format");
        assertThat(BinaryCodec.forType("timestamptz")).isNull();
    }
}
