package dev.nightshift.sync.masking;

import net.datafaker.Faker;

import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * A realistic fake value seeded from the salted HMAC of the original, so the same original gets the same
 * fake in every table, run and machine. A Faker is expensive to build, so each thread keeps one and reseeds
 * its Random per value; that yields exactly what {@code new Faker(Locale.ENGLISH, new Random(seed))} would.
 * The locale is fixed because the default one differs between machines.
 */
final class FakeStrategy implements MaskingStrategy {

    private static final ThreadLocal<SeededFaker> FAKERS = ThreadLocal.withInitial(SeededFaker::new);

    private final SaltedHmac hmac;
    private final Function<Faker, String> provider;

    FakeStrategy(SaltedHmac hmac, String provider) {
        this.hmac = hmac;
        this.provider = FakeProviders.get(provider);
    }

    @Override
    public String mask(String original, Row row) {
        if (original == null) {
            return null;
        }
        SeededFaker faker = FAKERS.get();
        faker.random.setSeed(hmac.seed(original));
        return provider.apply(faker.faker);
    }

    private static final class SeededFaker {
        final Random random = new Random();
        final Faker faker = new Faker(Locale.ENGLISH, random);
    }
}
