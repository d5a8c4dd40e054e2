package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonStrategyTest {

    private final Row row = Row.of(Map.of("id", "7"));

    @Test
    void masksNestedPathsAndLeavesTheRestUntouched() {
        // given
        MaskingStrategy json = strategy(
                "address.street", ColumnRule.of("constant", "value", "Main St 1"),
                "phone", ColumnRule.of("partial", "keep-last", 2));

        // when
        String masked = json.mask("""
                {"address": {"street": "Lindenweg 5", "city": "Bonn"}, "phone": "0228123456", "score": 1.50}""", row);

        // then
        assertThat(masked).isEqualTo(
                "{\"address\":{\"street\":\"Main St 1\",\"city\":\"Bonn\"},\"phone\":\"********56\",\"score\":1.50}");
    }

    @Test
    void appliesToEveryElementWhenThePathHitsAnArray() {
        MaskingStrategy json = strategy("contacts.email", ColumnRule.of("template", "template", "c_{id}@test.example.com"),
                "tags", ColumnRule.of("constant", "value", "t"));

        String masked = json.mask("""
                {"contacts": [{"email": "a@x.de"}, {"email": "b@x.de"}, {"name": "no email"}], "tags": ["vip", "b2b"]}""", row);

        assertThat(masked).isEqualTo("{\"contacts\":[{\"email\":\"c_7@test.example.com\"},{\"email\":\"c_7@test.example.com\"},"
                + "{\"name\":\"no email\"}],\"tags\":[\"t\",\"t\"]}");
    }

    @Test
    void missingPathsJsonNullsAndSqlNullAreLeftAlone() {
        MaskingStrategy json = strategy("address.street", ColumnRule.of("constant", "value", "x"));

        assertThat(json.mask("{\"address\":null,\"other\":1}", row)).isEqualTo("{\"address\":null,\"other\":1}");
        assertThat(json.mask("{\"address\":{\"street\":null}}", row)).isEqualTo("{\"address\":{\"street\":null}}");
        assertThat(json.mask("[1,2]", row)).isEqualTo("[1,2]");
        assertThat(json.mask(null, row)).isNull();
    }

    @Test
    void numbersMaskedToDigitsStayNumbersAndNullStrategyWritesJsonNull() {
        MaskingStrategy json = strategy("pin", ColumnRule.of("random"), "secret", ColumnRule.of("null"));

        String masked = json.mask("{\"pin\": 1234, \"secret\": \"abc\"}", row);

        assertThat(masked).matches("\\{\"pin\":\\d{4},\"secret\":null}").isNotEqualTo("{\"pin\":1234,\"secret\":null}");
    }

    @Test
    void invalidJsonIsReportedWithoutQuotingTheValue() {
        MaskingStrategy json = strategy("a", ColumnRule.of("hash"));

        assertThatThrownBy(() -> json.mask("{\"a\": \"anna@secret\"", row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value is not valid JSON");
    }

    @Test
    void badPathsAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> strategy("a..b", ColumnRule.of("hash")))
                .hasMessage("path 'a..b' is not a dot path like address.street");
        assertThatThrownBy(() -> strategy("a", ColumnRule.of("json", "paths", Map.of("b", ColumnRule.of("hash")))))
                .hasMessage("path a: json inside json is not supported; use a longer path");
    }

    private static MaskingStrategy strategy(Object... pathsAndRules) {
        Map<String, ColumnRule> paths = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndRules.length; i += 2) {
            paths.put((String) pathsAndRules[i], (ColumnRule) pathsAndRules[i + 1]);
        }
        return Salts.create(ColumnRule.of("json", "paths", paths));
    }
}
