package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RandomStrategyTest {

    private final MaskingStrategy random = Salts.create(ColumnRule.of("random"));

    @Test
    void keepsLengthAndTheCharacterClassOfEveryPosition() {
        // given
        String original = "AB-1234 x9/Zz.";

        // when
        String masked = random.mask(original, Row.empty());

        // then
        assertThat(masked).hasSameSizeAs(original).isNotEqualTo(original);
        for (int i = 0; i < original.length(); i++) {
            char o = original.charAt(i);
            char m = masked.charAt(i);
            if (Character.isDigit(o)) {
                assertThat(m).as("position %d", i).isBetween('0', '9');
            } else if (Character.isUpperCase(o)) {
                assertThat(m).as("position %d", i).isBetween('A', 'Z');
            } else if (Character.isLowerCase(o)) {
                assertThat(m).as("position %d", i).isBetween('a', 'z');
            } else {
                assertThat(m).as("position %d", i).isEqualTo(o);
            }
        }
    }

    @Test
    void isDeterministicPerSalt() {
        String once = random.mask("+49 170 1234567", Row.empty());

        assertThat(Salts.create(ColumnRule.of("random")).mask("+49 170 1234567", Row.empty())).isEqualTo(once);
        assertThat(MaskingStrategies.create(ColumnRule.of("random"), Salts.OTHER).mask("+49 170 1234567", Row.empty()))
                .isNotEqualTo(once);
    }

    @Test
    void nonAsciiLettersAreReplacedTooAndCodePointsCounted() {
        String masked = random.mask("Jürgen 東京 😀", Row.empty());

        assertThat(masked).matches("[A-Z][a-z]{5} [a-z]{2} 😀");
    }
}
