package dev.nightshift.sync;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.masking.MaskingRuleValidator;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.ValidationReport;
import dev.nightshift.sync.schema.LiveSchema;

import java.sql.Connection;
import java.sql.SQLException;

/** Validates the rules of a database against a live schema; a failure lists every problem at once. */
final class SyncRulesCheck {

    private SyncRulesCheck() {
    }

    static ValidationReport validate(MaskingRules rules, PgTarget database) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return MaskingRuleValidator.validate(rules, LiveSchema.read(c));
            } finally {
                c.rollback();
            }
        }
    }

    static void requireValid(SyncTools tools, PgTarget source, String logical) throws SQLException {
        ValidationReport report = validate(tools.rules(logical), source);
        if (!report.ok()) {
            throw new ConfigurationException("the masking rules " + tools.rulesFile(logical) + " do not fit "
                    + source.describe() + "; nothing was written:\n" + report.describe());
        }
    }
}
