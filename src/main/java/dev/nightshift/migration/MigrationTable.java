package dev.nightshift.migration;

import dev.nightshift.postgres.Identifiers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What the batches need to be true of the migrated table, checked before the first batch: it exists, its key
 * columns are NOT NULL under a unique index in the key's order (so each range seek is an index scan and no
 * row is in two ranges), and {@code :from}/{@code :to} are only used with an integer key.
 *
 * @param estimatedRows the planner's row estimate: the progress total until the walk knows better
 * @param numericKey    the key is one numeric column (its ranges can be found with max() instead of a sort)
 */
record MigrationTable(long estimatedRows, boolean numericKey) {

    static MigrationTable inspect(Connection connection, MigrationDefinition definition, boolean fromTo) throws SQLException {
        String where = "migration '" + definition.name() + "'";
        Long oid = null;
        long estimate = 0;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.oid, c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""")) {
            statement.setString(1, definition.schema());
            statement.setString(2, definition.table());
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    oid = rs.getLong(1);
                    estimate = rs.getLong(2);
                }
            }
        }
        if (oid == null) {
            throw new MigrationFileException(where + ": table " + Identifiers.quote(definition.schema(), definition.table())
                    + " does not exist in " + connection.getCatalog() + "; check table: in the migration file");
        }
        boolean numeric = definition.key().size() == 1;
        for (String column : definition.key()) {
            numeric &= checkColumn(connection, oid, column, fromTo, where);
        }
        if (!hasUniqueIndex(connection, oid, definition.key())) {
            throw new MigrationFileException(where + ": no unique index on (" + String.join(", ", definition.key())
                    + ") in that order; the batches walk the key through it. Use the primary key, or create one:"
                    + " CREATE UNIQUE INDEX CONCURRENTLY ... (" + String.join(", ", definition.key()) + ")");
        }
        return new MigrationTable(Math.max(estimate, 0), numeric);
    }

    /** Checks one key column; true when it is numeric. */
    private static boolean checkColumn(Connection connection, long table, String column, boolean fromTo, String where)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attnotnull, t.typcategory FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                 WHERE a.attrelid = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""")) {
            statement.setLong(1, table);
            statement.setString(2, column);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new MigrationFileException(where + ": key column '" + column + "' does not exist in the table");
                }
                if (!rs.getBoolean(1)) {
                    throw new MigrationFileException(where + ": key column '" + column + "' allows NULL; rows with a NULL"
                            + " key would be skipped. Use a NOT NULL key (the primary key)");
                }
                boolean numeric = "N".equals(rs.getString(2));
                if (fromTo && !numeric) {
                    throw new MigrationFileException(where + ": :from/:to need a numeric key, and '" + column
                            + "' is not; write the range as {key_range} instead");
                }
                return numeric;
            }
        }
    }

    private static boolean hasUniqueIndex(Connection connection, long table, List<String> key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT 1 FROM pg_index i
                 WHERE i.indrelid = ? AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
                   AND i.indnkeyatts = ?
                   AND (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE k.ord <= i.indnkeyatts) = ?::name[]""")) {
            statement.setLong(1, table);
            statement.setInt(2, key.size());
            Array names = connection.createArrayOf("text", key.toArray());
            statement.setArray(3, names);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
