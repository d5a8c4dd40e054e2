package dev.nightshift.sync;

import dev.nightshift.postgres.CopyText;
import dev.nightshift.postgres.Identifiers;
import dev.nightshift.sync.masking.RowMasker;
import dev.nightshift.sync.masking.TableRules;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leak scan of one masked table: original values of a sample of rows must not be in the copy. With a
 * primary key each sampled value is looked for in its own row, since a fake name may well be some other
 * person's real one; without one, in the whole column, except for fake values, where such a coincidence
 * proves nothing.
 */
final class LeakScan {

    /** Per masked column: values looked for and values found. */
    record Result(int sampled, int leaked, List<String> notes) {
    }

    private LeakScan() {
    }

    static Result scan(Connection c, SpooledTable table, Path spool, TableRules rules, RowMasker masker, int sampleRows)
            throws SQLException, IOException {
        List<Integer> maskedColumns = OriginalEmails.maskedColumns(table, rules);
        List<String> keyTypes = new ArrayList<>();
        List<Integer> key = primaryKey(c, table, keyTypes);
        Map<Integer, List<String[]>> samples = new TreeMap<>();
        for (String line : SpoolSampler.sample(spool, table, sampleRows)) {
            List<String> original = CopyText.parse(line);
            StringBuilder maskedLine = new StringBuilder();
            masker.mask(line, maskedLine);
            List<String> masked = CopyText.parse(maskedLine);
            for (int column : maskedColumns) {
                String value = original.get(column);
                if (value == null || value.equals(masked.get(column))) {
                    continue; // nothing was hidden here (NULL, or a value the rule maps to itself)
                }
                String[] sample = new String[key.size() + 1];
                for (int k = 0; k < key.size(); k++) {
                    sample[k] = masked.get(key.get(k));
                }
                sample[key.size()] = value;
                samples.computeIfAbsent(column, x -> new ArrayList<>()).add(sample);
            }
        }
        int sampled = 0;
        int leaked = 0;
        List<String> notes = new ArrayList<>();
        for (var entry : samples.entrySet()) {
            String column = table.columns().get(entry.getKey());
            if (key.isEmpty() && "fake".equals(rules.masked().get(column).strategy())) {
                notes.add(table.qualifiedName() + "." + column + ": not leak-checked (no primary key, and a fake value"
                        + " may coincide with a real one elsewhere)");
                continue;
            }
            sampled += entry.getValue().size();
            leaked += key.isEmpty() ? countAnywhere(c, table, column, entry.getValue())
                    : countInSameRow(c, table, key, keyTypes, column, entry.getValue());
        }
        return new Result(sampled, leaked, notes);
    }

    /** Looks each sampled value up by its row's key (the key's own type, so its index finds the row). */
    private static int countInSameRow(Connection c, SpooledTable table, List<Integer> key, List<String> keyTypes,
                                      String column, List<String[]> samples) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM ONLY ")
                .append(Identifiers.quote(table.schema(), table.name())).append(" t JOIN unnest(");
        for (int k = 0; k <= key.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append("?::text[]");
        }
        sql.append(") AS s(");
        for (int k = 0; k < key.size(); k++) {
            sql.append("k").append(k).append(", ");
        }
        sql.append("v) ON ");
        for (int k = 0; k < key.size(); k++) {
            sql.append(k == 0 ? "" : " AND ").append("t.").append(Identifiers.quote(table.columns().get(key.get(k))))
                    .append(" = s.k").append(k).append("::").append(keyTypes.get(k));
        }
        sql.append(" WHERE t.").append(Identifiers.quote(column)).append("::text = s.v");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int k = 0; k <= key.size(); k++) {
                String[] values = new String[samples.size()];
                for (int i = 0; i < samples.size(); i++) {
                    values[i] = samples.get(i)[k];
                }
                s.setArray(k + 1, c.createArrayOf("text", values));
            }
            return count(s);
        }
    }

    private static int countAnywhere(Connection c, SpooledTable table, String column, List<String[]> samples)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ONLY " + Identifiers.quote(table.schema(),
                table.name()) + " WHERE " + Identifiers.quote(column) + "::text = ANY (?::text[])")) {
            Array values = c.createArrayOf("text", samples.stream().map(x -> x[x.length - 1]).toArray());
            s.setArray(1, values);
            return count(s);
        }
    }

    private static int count(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Positions (in the spooled columns) of the table's primary key, or empty when it has none; types into {@code types}. */
    private static List<Integer> primaryKey(Connection c, SpooledTable table, List<String> types) throws SQLException {
        List<Integer> key = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_index i
                JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord) ON true
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.ord""")) {
            s.setString(1, Identifiers.quote(table.schema(), table.name()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int position = table.columns().indexOf(rs.getString(1));
                    if (position < 0) {
                        return List.of();
                    }
                    key.add(position);
                    types.add(rs.getString(2)); // from the catalog: a type name already quoted where needed
                }
            }
        }
        return key;
    }
}
