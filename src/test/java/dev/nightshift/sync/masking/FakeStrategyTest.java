package dev.nightshift.sync.masking;

import net.datafaker.Faker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class FakeStrategyTest {

    @ParameterizedTest
    @ValueSource(strings = {"name", "first_name", "last_name", "email", "phone", "address", "street", "city", "zip",
            "country", "company", "username", "ip", "iban", "credit_card", "birthday"})
    void everyProviderIsDeterministicPerSaltAndNotTheOriginal(String provider) {
        // given two independently built strategies with one salt, and one with another salt
        ColumnRule rule = ColumnRule.of("fake", "provider", provider);
        MaskingStrategy first = MaskingStrategies.create(rule, Salts.ONE);
        MaskingStrategy second = MaskingStrategies.create(rule, Salts.ONE);
        MaskingStrategy otherSalt = MaskingStrategies.create(rule, Salts.OTHER);

        // when
        String masked = first.mask("Anna Schmidt", Row.empty());

        // then
        assertThat(masked).isNotBlank().isNotEqualTo("Anna Schmidt");
        assertThat(second.mask("Anna Schmidt", Row.empty())).isEqualTo(masked);
        assertThat(first.mask("Anna Schmidt", Row.empty())).isEqualTo(masked);
        assertThat(first.mask("Bernd Meier", Row.empty())).isNotEqualTo(masked);
        assertThat(otherSalt.mask("Anna Schmidt", Row.empty())).isNotEqualTo(masked);
    }

    @Test
    void theReusedThreadFakerGivesWhatAFreshSeededFakerGives() {
        // given the seed the strategy derives for a value
        long seed = new SaltedHmac(Salts.ONE).seed("anna@real.example");

        // when
        String masked = Salts.create(ColumnRule.of("fake", "provider", "name")).mask("anna@real.example", Row.empty());

        // then: caching the Faker per thread changes nothing about the output
        assertThat(masked).isEqualTo(new Faker(Locale.ENGLISH, new Random(seed)).name().fullName());
    }

    @Test
    void anotherThreadMasksToTheSameValue() throws Exception {
        MaskingStrategy strategy = Salts.create(ColumnRule.of("fake", "provider", "email"));
        String here = strategy.mask("anna@real.example", Row.empty());

        String there = CompletableFuture.supplyAsync(() -> strategy.mask("anna@real.example", Row.empty())).get();

        assertThat(there).isEqualTo(here);
    }

    @Test
    void emailsGoToSafeExampleDomains() {
        MaskingStrategy strategy = Salts.create(ColumnRule.of("fake", "provider", "email"));

        for (int i = 0; i < 50; i++) {
            assertThat(strategy.mask("user" + i + "@gmail.com", Row.empty())).matches(".+@example\\.(com|org|net)");
        }
    }
}
