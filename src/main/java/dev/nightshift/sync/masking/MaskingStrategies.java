package dev.nightshift.sync.masking;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds the strategy a {@link ColumnRule} names, checking its options first. */
public final class MaskingStrategies {

    /** Strategy name -> the options it accepts; the required ones are checked in {@link #build}. */
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "template", Set.of("template"),
            "fake", Set.of("provider"),
            "hash", Set.of("length"),
            "random", Set.of(),
            "null", Set.of(),
            "constant", Set.of("value"),
            "partial", Set.of("keep-last"),
            "json", Set.of("paths"),
            "keep", Set.of());

    private MaskingStrategies() {
    }

    /** Throws {@link MaskingRulesException} for an unusable rule and {@link IllegalArgumentException} for an empty salt. */
    public static MaskingStrategy create(ColumnRule rule, byte[] salt) {
        SaltedHmac hmac = new SaltedHmac(salt);
        Set<String> accepted = OPTIONS.get(rule.strategy());
        if (accepted == null) {
            throw new MaskingRulesException("unknown strategy '" + rule.strategy() + "' (known: "
                    + String.join(", ", new TreeSet<>(OPTIONS.keySet())) + ")");
        }
        for (String option : rule.options().keySet()) {
            if (!accepted.contains(option)) {
                throw new MaskingRulesException("strategy " + rule.strategy() + " has no option '" + option + "'"
                        + (accepted.isEmpty() ? "" : " (it takes: " + String.join(", ", new TreeSet<>(accepted)) + ")"));
            }
        }
        return build(rule, hmac, salt);
    }

    @SuppressWarnings("unchecked")
    private static MaskingStrategy build(ColumnRule rule, SaltedHmac hmac, byte[] salt) {
        return switch (rule.strategy()) {
            case "template" -> new TemplateStrategy(text(rule, "template"));
            case "fake" -> new FakeStrategy(hmac, text(rule, "provider"));
            case "hash" -> new HashStrategy(hmac, rule.options().containsKey("length")
                    ? integer(rule, "length") : HashStrategy.MAX_LENGTH);
            case "random" -> new RandomStrategy(hmac);
            case "null" -> (original, row) -> null;
            case "constant" -> constant(text(rule, "value"));
            case "partial" -> new PartialStrategy(integer(rule, "keep-last"));
            case "json" -> new JsonStrategy((Map<String, ColumnRule>) required(rule, "paths", Map.class),
                    nested -> create(nested, salt));
            case "keep" -> (original, row) -> original;
            default -> throw new IllegalStateException("no builder for strategy " + rule.strategy());
        };
    }

    private static MaskingStrategy constant(String value) {
        return (original, row) -> original == null ? null : value;
    }

    private static String text(ColumnRule rule, String option) {
        return required(rule, option, Object.class).toString();
    }

    private static int integer(ColumnRule rule, String option) {
        return required(rule, option, Integer.class);
    }

    private static <T> T required(ColumnRule rule, String option, Class<T> type) {
        Object value = rule.options().get(option);
        if (value == null) {
            throw new MaskingRulesException("strategy " + rule.strategy() + " needs option '" + option + "'");
        }
        if (!type.isInstance(value)) {
            throw new MaskingRulesException("option '" + option + "' of strategy " + rule.strategy() + " must be "
                    + (type == Integer.class ? "a whole number" : "a mapping") + ", found " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }
}
