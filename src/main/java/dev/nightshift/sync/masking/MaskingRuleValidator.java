package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveSchema;

/**
 * Checks masking rules against the live schema before any row is copied: every column covered (default
 * deny), no rule for a missing name, and no rule that would break a unique key, a NOT NULL column or a
 * foreign key on the target. Run before each sync, since the schema changes under the rules file.
 */
public final class MaskingRuleValidator {

    private MaskingRuleValidator() {
    }

    public static ValidationReport validate(MaskingRules rules, LiveSchema schema) {
        Findings findings = new Findings();
        UnknownNamesCheck.check(rules, schema, findings);
        CoverageCheck.check(rules, schema, findings);
        PlaceholderCheck.check(rules, schema, findings);
        UniquenessCheck.check(rules, schema, findings);
        NullabilityCheck.check(rules, schema, findings);
        ForeignKeyCheck.check(rules, schema, findings);
        RowSetCheck.check(rules, schema, findings);
        return findings.report();
    }
}
