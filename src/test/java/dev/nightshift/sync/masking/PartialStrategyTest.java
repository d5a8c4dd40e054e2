package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartialStrategyTest {

    @Test
    void keepsTheLastCharactersAndStarsTheRest() {
        MaskingStrategy partial = Salts.create(ColumnRule.of("partial", "keep-last", 2));

        assertThat(partial.mask("+49 170 1234567", Row.empty())).isEqualTo("*************67");
        assertThat(partial.mask("ab😀c", Row.empty())).isEqualTo("**😀c");
    }

    @Test
    void aValueNoLongerThanTheKeptPartIsStarredCompletely() {
        MaskingStrategy partial = Salts.create(ColumnRule.of("partial", "keep-last", 4));

        assertThat(partial.mask("1234", Row.empty())).isEqualTo("****");
        assertThat(partial.mask("", Row.empty())).isEmpty();
    }

    @Test
    void keepNothingStarsAllAndNegativeIsRefused() {
        assertThat(Salts.create(ColumnRule.of("partial", "keep-last", 0)).mask("abc", Row.empty())).isEqualTo("***");
        assertThatThrownBy(() -> Salts.create(ColumnRule.of("partial", "keep-last", -1)))
                .hasMessage("keep-last must not be negative, found -1");
    }
}
