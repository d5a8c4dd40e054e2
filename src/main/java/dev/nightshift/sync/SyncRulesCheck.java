package dev.nightshift.sync;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.masking.ColumnContent;
import dev.nightshift.sync.masking.KeepAllReview;
import dev.nightshift.sync.masking.MaskingRuleValidator;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.ValidationReport;
import dev.nightshift.sync.schema.LiveSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Validates the rules of a database against a live schema; a failure lists every problem at once. Against
 * the source, the columns keep-all admits unnamed are also reviewed by their content ({@link KeepAllReview}).
 */
public final class SyncRulesCheck {

    private static final Logger log = LoggerFactory.getLogger(SyncRulesCheck.class);

    /**
     * @param report   the rules against the schema, and the keep-all columns that look personal
     * @param warnings keep-all columns nobody reviewed that look harmless (names and counts only)
     * @param content  what the content sample saw in the sampled kept columns
     */
    record Checked(ValidationReport report, List<String> warnings, List<ColumnContent> content) {
    }

    private SyncRulesCheck() {
    }

    public static ValidationReport validate(MaskingRules rules, PgTarget database) throws SQLException {
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

    /**
     * The rules against the source's schema and content, on a read-only connection in one snapshot.
     *
     * @param everyKeptColumn sample every kept column (for {@code --check}), not only the unnamed keep-all ones
     */
    static Checked check(Connection source, MaskingRules rules, LiveSchema schema, int contentRows,
                         boolean everyKeptColumn) throws SQLException {
        ValidationReport report = MaskingRuleValidator.validate(rules, schema);
        long started = System.nanoTime();
        List<ColumnContent> content = new ContentSample(source, contentRows).scan(schema, rules, (table, column) ->
                KeepAllReview.unreviewed(table, column) || everyKeptColumn && table.keepsUnchanged(column.name()));
        log.info("content sample: {} kept column(s), up to {} rows per table, in {} ms", content.size(), contentRows,
                (System.nanoTime() - started) / 1_000_000);
        KeepAllReview.Result review = KeepAllReview.review(rules, schema, content);
        return new Checked(report.with(review.problems()), review.warnings(), content);
    }

    /** @return the warnings about unreviewed keep-all columns, already logged */
    public static List<String> requireValid(SyncTools tools, PgTarget source, String logical) throws SQLException {
        Checked checked;
        try (Connection c = source.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                checked = check(c, tools.rules(logical), LiveSchema.read(c), tools.settings().contentSampleRows(), false);
            } finally {
                c.rollback();
            }
        }
        if (!checked.report().ok()) {
            throw new ConfigurationException("the masking rules " + tools.rulesFile(logical) + " do not fit "
                    + source.describe() + "; nothing was written:\n" + checked.report().describe());
        }
        checked.warnings().forEach(w -> log.warn("unreviewed keep-all columns: {}", w));
        return checked.warnings();
    }
}
