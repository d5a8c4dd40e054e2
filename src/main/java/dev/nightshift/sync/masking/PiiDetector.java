package dev.nightshift.sync.masking;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Proposes masking rules for columns whose name and type suggest personal data, to draft a rules file.
 * Only a proposal: names miss columns and catch some harmless ones, so a person reviews the result. Each
 * proposal only applies to types its strategy's output fits, so following it never breaks a COPY.
 */
public final class PiiDetector {

    private static final Predicate<String> TEXT = type -> type.isEmpty() || type.equals("text")
            || type.startsWith("character") || type.startsWith("varchar") || type.startsWith("char")
            || type.equals("bpchar") || type.equals("citext");
    private static final Predicate<String> INET = type -> type.equals("inet") || type.equals("cidr");
    private static final Predicate<String> DATE = type -> type.equals("date") || type.startsWith("timestamp");

    /** First match wins, so the specific names (ip_address, email_address) come before the general ones. */
    private static final List<Pattern> PATTERNS = List.of(
            new Pattern(Set.of("ip", "ip_address"), true, TEXT.or(INET), fake("ip")),
            new Pattern(Set.of("email", "email_address"), true, TEXT, fake("email")),
            new Pattern(Set.of("name", "full_name", "fullname"), false, TEXT, fake("name")),
            new Pattern(Set.of("first_name", "firstname", "given_name"), true, TEXT, fake("first_name")),
            new Pattern(Set.of("last_name", "lastname", "surname", "family_name"), true, TEXT, fake("last_name")),
            new Pattern(Set.of("phone", "mobile", "phone_number", "mobile_number", "telephone"), true, TEXT, fake("phone")),
            new Pattern(Set.of("street", "street_address"), true, TEXT, fake("street")),
            new Pattern(Set.of("address"), true, TEXT, fake("address")),
            new Pattern(Set.of("city"), true, TEXT, fake("city")),
            new Pattern(Set.of("zip", "zip_code", "zipcode", "postal", "postal_code", "postcode"), true, TEXT,
                    ColumnRule.of("random")),
            new Pattern(Set.of("token", "refresh_token", "access_token", "api_key", "secret", "client_secret",
                    "password", "password_hash"), true, TEXT, ColumnRule.of("hash")),
            new Pattern(Set.of("ssn", "national_id", "social_security_number", "tax_id"), true, TEXT,
                    ColumnRule.of("random")),
            new Pattern(Set.of("birth_date", "date_of_birth", "dob", "birthday"), false, TEXT.or(DATE), fake("birthday")),
            new Pattern(Set.of("iban"), true, TEXT, fake("iban")),
            new Pattern(Set.of("credit_card", "credit_card_number", "card_number"), true, TEXT, fake("credit_card")));

    private PiiDetector() {
    }

    /** {@code dataType} as PostgreSQL names it ({@code text}, {@code character varying(255)}, {@code inet}); null if unknown. */
    public static Optional<PiiSuggestion> suggest(String columnName, String dataType) {
        String name = columnName.toLowerCase(Locale.ROOT);
        String type = dataType == null ? "" : dataType.trim().toLowerCase(Locale.ROOT);
        if (INET.test(type)) {
            // whatever its name, an inet column holds addresses of machines people used
            return Optional.of(new PiiSuggestion(columnName, fake("ip")));
        }
        return PATTERNS.stream()
                .filter(p -> p.matches(name, type))
                .findFirst()
                .map(p -> new PiiSuggestion(columnName, p.rule()));
    }

    private static ColumnRule fake(String provider) {
        return ColumnRule.of("fake", "provider", provider);
    }

    /** Names match exactly or, with {@code suffix}, as the last words of a name like {@code billing_email}. */
    private record Pattern(Set<String> names, boolean suffix, Predicate<String> types, ColumnRule rule) {

        boolean matches(String name, String type) {
            if (!types.test(type)) {
                return false;
            }
            return names.contains(name) || suffix && names.stream().anyMatch(n -> name.endsWith("_" + n));
        }
    }
}
