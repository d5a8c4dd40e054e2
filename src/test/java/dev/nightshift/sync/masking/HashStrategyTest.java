package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashStrategyTest {

    @Test
    void isTheHexHmacCutToTheGivenLength() {
        // given
        MaskingStrategy full = Salts.create(ColumnRule.of("hash"));
        MaskingStrategy cut = Salts.create(ColumnRule.of("hash", "length", 32));

        // when
        String masked = full.mask("sk_live_abc", Row.empty());

        // then: HMAC-SHA256("salt-one-0123456789abcdef", "sk_live_abc"), as `openssl dgst -sha256 -hmac` prints it
        assertThat(masked).isEqualTo("6a119e18ca9e43ef89fe631d0aecbd5321c6e17791fd05c9b151cc98e00ddbc6");
        assertThat(cut.mask("sk_live_abc", Row.empty())).isEqualTo(masked.substring(0, 32));
    }

    @Test
    void otherSaltOtherHashAndLengthIsChecked() {
        String one = MaskingStrategies.create(ColumnRule.of("hash"), Salts.ONE).mask("x", Row.empty());
        String other = MaskingStrategies.create(ColumnRule.of("hash"), Salts.OTHER).mask("x", Row.empty());

        assertThat(one).isNotEqualTo(other);
        assertThatThrownBy(() -> Salts.create(ColumnRule.of("hash", "length", 65)))
                .hasMessage("length must be between 1 and 64, found 65");
        assertThatThrownBy(() -> Salts.create(ColumnRule.of("hash", "length", "long")))
                .hasMessage("option 'length' of strategy hash must be a whole number, found String");
    }
}
