package dev.nightshift.sync.leak;

import dev.nightshift.sync.masking.BinaryCodec;
import dev.nightshift.sync.masking.ColumnRule;
import dev.nightshift.sync.masking.TableRules;
import dev.nightshift.sync.snapshot.SpooledTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How the leak verification treats each column of one spooled table, by its rule:
 * <ul>
 * <li>kept columns, template outputs and json documents (whose unmasked parts are kept) are searched for
 *     the originals of every masked column;</li>
 * <li>a template, hash or random output must not equal its own row's original (a random output only when
 *     the original is {@link Distinctive}: "7" may well become "7");</li>
 * <li>fake, constant, null and partial outputs are not searched: they cannot hold their input (a fake value
 *     comes from Datafaker's lists and equals a real one only by chance, which proves nothing).</li>
 * </ul>
 */
public final class LeakPlan {

    enum Role { KEPT, TEMPLATE, JSON, SAME_ROW, SAME_ROW_DISTINCTIVE, NOT_SEARCHED }

    final String table;
    final List<String> columns;
    final ColumnKind[] kinds;
    final Role[] roles;
    public final ColumnRule[] rules;
    /** For binary rows, the masking's codec of each masked column whose kind is NONE (dates, inet...). */
    final BinaryCodec[] codecs;
    final boolean binary;

    private LeakPlan(String table, SpooledTable spooled, List<ColumnKind> kinds, TableRules tableRules) {
        this.table = table;
        this.columns = spooled.columns();
        this.binary = spooled.binary();
        int n = columns.size();
        this.kinds = kinds.toArray(new ColumnKind[0]);
        this.roles = new Role[n];
        this.rules = new ColumnRule[n];
        this.codecs = new BinaryCodec[n];
        for (int i = 0; i < n; i++) {
            ColumnRule rule = tableRules.masked().get(columns.get(i));
            boolean masked = rule != null && !"keep".equals(rule.strategy());
            rules[i] = masked ? rule : null;
            roles[i] = masked ? role(rule.strategy()) : Role.KEPT;
            if (binary && masked && i < spooled.types().size()) {
                codecs[i] = BinaryCodec.forType(spooled.types().get(i));
            }
        }
    }

    public static LeakPlan of(Connection incoming, String root, SpooledTable table, TableRules rules) throws SQLException {
        return new LeakPlan(root, table, ColumnKind.of(incoming, table), rules);
    }

    private static Role role(String strategy) {
        return switch (strategy) {
            case "template" -> Role.TEMPLATE;
            case "json" -> Role.JSON;
            case "random" -> Role.SAME_ROW_DISTINCTIVE;
            case "fake", "constant", "null", "partial" -> Role.NOT_SEARCHED;
            default -> Role.SAME_ROW;
        };
    }

    public boolean masked(int column) {
        return rules[column] != null;
    }

    /** Whether the written value of a column is searched for originals. */
    boolean searched(int column) {
        return kinds[column] != ColumnKind.NONE
                && (roles[column] == Role.KEPT || roles[column] == Role.TEMPLATE || roles[column] == Role.JSON);
    }

    boolean sameRow(int column) {
        return roles[column] == Role.TEMPLATE || roles[column] == Role.SAME_ROW || roles[column] == Role.SAME_ROW_DISTINCTIVE;
    }

    /** Whether a masked output equal to its row's original {@code original} is a leak. */
    boolean leaksOwnOriginal(int column, String original, String masked) {
        if (original == null || masked == null) {
            return false;
        }
        String normalized = Fingerprinter.normalize(original);
        return normalized.equals(Fingerprinter.normalize(masked))
                && (roles[column] != Role.SAME_ROW_DISTINCTIVE || Distinctive.test(normalized));
    }

    /** The text of a field, through the column's kind or, for binary masked columns of other types, its codec. */
    String text(RowFields row, int column) {
        if (binary && kinds[column] == ColumnKind.NONE) {
            if (codecs[column] == null) {
                return null; // not masked, or not read by the masking: a type with no text to search
            }
            return row.text(column, codecs[column]);
        }
        return row.text(column, kinds[column]);
    }

    boolean anySameRow() {
        for (int i = 0; i < roles.length; i++) {
            if (sameRow(i)) {
                return true;
            }
        }
        return false;
    }

    boolean anySearched() {
        for (int i = 0; i < roles.length; i++) {
            if (searched(i)) {
                return true;
            }
        }
        return false;
    }
}
