package dev.nightshift.sync.masking;

import net.datafaker.Faker;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The Datafaker generators a {@code fake} rule may name. */
final class FakeProviders {

    private static final Map<String, Function<Faker, String>> PROVIDERS = new TreeMap<>(Map.ofEntries(
            Map.entry("name", f -> f.name().fullName()),
            Map.entry("first_name", f -> f.name().firstName()),
            Map.entry("last_name", f -> f.name().lastName()),
            // example.com-style domains only: a staging mailer must never reach a real mailbox
            Map.entry("email", f -> f.internet().safeEmailAddress()),
            Map.entry("phone", f -> f.phoneNumber().phoneNumber()),
            Map.entry("address", f -> f.address().fullAddress()),
            Map.entry("street", f -> f.address().streetAddress()),
            Map.entry("city", f -> f.address().city()),
            Map.entry("zip", f -> f.address().zipCode()),
            Map.entry("country", f -> f.address().country()),
            Map.entry("company", f -> f.company().name()),
            Map.entry("username", f -> f.credentials().username()),
            Map.entry("ip", f -> f.internet().ipV4Address()),
            Map.entry("iban", f -> f.finance().iban()),
            Map.entry("credit_card", f -> f.finance().creditCard()),
            // ISO date, the text format PostgreSQL reads into a date column
            Map.entry("birthday", f -> f.timeAndDate().birthday().toString())));

    private FakeProviders() {
    }

    static Function<Faker, String> get(String name) {
        Function<Faker, String> provider = PROVIDERS.get(name);
        if (provider == null) {
            throw new MaskingRulesException("unknown fake provider '" + name + "' (known: "
                    + String.join(", ", PROVIDERS.keySet()) + ")");
        }
        return provider;
    }
}
