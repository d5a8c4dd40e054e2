package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveTable;
import dev.nightshift.sync.schema.UniqueKey;

import java.util.Optional;

/**
 * Whether a rule keeps distinct values distinct, which a unique key on the target needs. Only three do:
 * keep; a hash long enough that a collision is out of reach; a template that embeds, unambiguously, a
 * column which is unique on its own, NOT NULL and copied unchanged ({@link TemplateInjectivity}).
 */
final class Injectivity {

    /** Below this a birthday collision over a large table becomes thinkable (32 hex = 128 bits). */
    static final int MIN_HASH_LENGTH = 32;

    private Injectivity() {
    }

    /**
     * Empty when the rule is injective on this table, else why not.
     *
     * @param caseFolded the key compares lower() or upper() of the masked value; a hash (lower-case hex)
     *                   survives that, a template only over an integer or uuid column
     */
    static Optional<String> whyNot(ColumnRule rule, LiveTable table, TableRules tableRules, UniqueKey key,
                                   boolean caseFolded) {
        return switch (rule.strategy()) {
            case "keep" -> Optional.empty();
            case "hash" -> hashLength(rule) >= MIN_HASH_LENGTH ? Optional.empty()
                    : Optional.of("hash of length " + hashLength(rule) + " can collide (use length >= " + MIN_HASH_LENGTH + ")");
            case "template" -> TemplateInjectivity.whyNot(rule.options().get("template").toString(), table, tableRules,
                    key, caseFolded);
            default -> Optional.of("strategy " + rule.strategy() + " can map distinct values to the same one");
        };
    }

    private static int hashLength(ColumnRule rule) {
        return rule.options().get("length") instanceof Integer length ? length : HashStrategy.MAX_LENGTH;
    }
}
