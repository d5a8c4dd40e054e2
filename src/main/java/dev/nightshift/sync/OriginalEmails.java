package dev.nightshift.sync;

import dev.nightshift.postgres.CopyText;
import dev.nightshift.sync.masking.ColumnRule;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.TableRules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original email addresses the copy must not contain: those found in the masked columns of a sample of
 * rows of every masked table, taken from the spool before the load. Every row the load writes is searched
 * for them (see {@link EmailWatch}), so an address that survives in a kept column — an audit log's jsonb,
 * a free-text note — fails the verification.
 */
final class OriginalEmails {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    static final String FILE = "original-emails.txt";
    private static final int MAX = 10_000;

    private OriginalEmails() {
    }

    /** Samples the spool and writes the addresses found next to it; returns how many. */
    static int collect(Connection incoming, SpoolManifest manifest, MaskingRules rules, Path spool, int sampleRows)
            throws SQLException, IOException {
        Set<String> emails = new LinkedHashSet<>();
        for (SpooledTable table : manifest.tables()) {
            TableRules tableRules = rules.table(TableRoots.root(incoming, table)).orElseThrow();
            if (tableRules.skipData()) {
                continue;
            }
            List<Integer> masked = maskedColumns(table, tableRules);
            if (masked.isEmpty()) {
                continue;
            }
            for (String line : SpoolSampler.sample(spool, table, sampleRows)) {
                List<String> fields = CopyText.parse(line);
                for (int column : masked) {
                    if (fields.size() == table.columns().size() && fields.get(column) != null) {
                        find(fields.get(column), emails);
                    }
                }
            }
        }
        Files.write(spool.resolve(FILE), emails, StandardCharsets.UTF_8);
        return emails.size();
    }

    static Set<String> read(Path spool) throws IOException {
        Path file = spool.resolve(FILE);
        return Files.exists(file) ? Set.copyOf(Files.readAllLines(file, StandardCharsets.UTF_8)) : Set.of();
    }

    static void find(String value, Set<String> into) {
        Matcher m = EMAIL.matcher(value);
        while (m.find() && into.size() < MAX) {
            into.add(m.group().toLowerCase(Locale.ROOT));
        }
    }

    static List<Integer> maskedColumns(SpooledTable table, TableRules rules) {
        return java.util.stream.IntStream.range(0, table.columns().size()).filter(i -> {
            ColumnRule rule = rules.masked().get(table.columns().get(i));
            return rule != null && !"keep".equals(rule.strategy());
        }).boxed().toList();
    }
}
