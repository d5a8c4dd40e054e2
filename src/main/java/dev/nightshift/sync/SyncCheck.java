package dev.nightshift.sync;

import dev.nightshift.postgres.CopyText;
import dev.nightshift.postgres.Identifiers;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.masking.ColumnContent;
import dev.nightshift.sync.masking.ColumnRule;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.MaskingRulesLoader;
import dev.nightshift.sync.masking.RowMasker;
import dev.nightshift.sync.masking.TableRules;
import dev.nightshift.sync.masking.ValidationReport;
import dev.nightshift.sync.schema.LiveColumn;
import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.sync.schema.LiveTable;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code nightshift sync --check}: the rules against the live source schema, a content sample of the kept
 * columns, and for each masked table a few rows before and after masking (the caller decides whether to
 * show the originals). Reads the source, writes nothing anywhere.
 */
public final class SyncCheck {

    /** One masked column of one sampled row. */
    public record Sample(String table, String column, String before, String after) {
    }

    /**
     * @param rulesFileExists false when the report lists every column because there is no rules file yet
     * @param warnings        keep-all columns nobody reviewed (names and counts, never values)
     * @param content         what the content sample saw in the kept columns (counts, never values)
     */
    public record Result(ValidationReport report, boolean rulesFileExists, List<Sample> samples, List<String> warnings,
                         List<ColumnContent> content) {
    }

    private final SyncTools tools;

    SyncCheck(SyncTools tools) {
        this.tools = tools;
    }

    /**
     * @param sampleRows masked rows to show per table; when positive (as for {@code --check}) the content
     *                   sample covers every kept column, else only the columns keep-all admits unnamed
     */
    Result run(PgTarget source, String logical, int sampleRows) throws SQLException {
        boolean exists = Files.exists(tools.rulesFile(logical));
        MaskingRules rules = exists ? MaskingRulesLoader.load(tools.rulesFile(logical)) : new MaskingRules(Map.of());
        try (Connection c = source.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            LiveSchema schema = LiveSchema.read(c);
            SyncRulesCheck.Checked checked = SyncRulesCheck.check(c, rules, schema,
                    tools.settings().contentSampleRows(), sampleRows > 0);
            List<Sample> samples = new ArrayList<>();
            if (checked.report().ok()) {
                byte[] salt = tools.salt();
                for (LiveTable table : sampleRows > 0 ? schema.tables() : List.<LiveTable>of()) {
                    TableRules tableRules = rules.table(table.qualifiedName()).orElse(null);
                    if (tableRules != null && !tableRules.skipData()) {
                        samples.addAll(samples(c, table, tableRules, salt, sampleRows));
                    }
                }
            }
            c.rollback();
            return new Result(checked.report(), exists, samples, checked.warnings(), checked.content());
        }
    }

    private static List<Sample> samples(Connection c, LiveTable table, TableRules rules, byte[] salt, int rows)
            throws SQLException {
        List<String> columns = table.columns().stream().filter(x -> !x.generated()).map(LiveColumn::name).toList();
        RowMasker masker = RowMasker.forTable(columns, rules, salt);
        if (masker.passThrough()) {
            return List.of();
        }
        String select = columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + select + " FROM "
                    + Identifiers.quote(table.schema(), table.name()) + " LIMIT " + rows + ") TO STDOUT", out);
        } catch (IOException e) {
            throw new SQLException("cannot read samples of " + table.qualifiedName() + ": " + e.getMessage(), e);
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            List<String> before = CopyText.parse(line);
            StringBuilder masked = new StringBuilder();
            masker.mask(line, masked);
            List<String> after = CopyText.parse(masked);
            for (int i = 0; i < columns.size(); i++) {
                ColumnRule rule = rules.masked().get(columns.get(i));
                if (rule != null && !"keep".equals(rule.strategy())) {
                    samples.add(new Sample(table.qualifiedName(), columns.get(i), before.get(i), after.get(i)));
                }
            }
        }
        return samples;
    }
}
