package dev.nightshift.migration;

import java.util.List;
import java.util.Map;

/**
 * A data migration as its file {@code jobs/migrations/<name>.yml} declares it.
 *
 * @param database  the logical database it runs in
 * @param schema    schema of the table whose key ranges the batches walk
 * @param table     that table
 * @param key       the key column(s), under a unique index; composite keys are compared as row values
 * @param batch     the statement for one key range, with named parameters ({@code :from}/{@code :to} or
 *                  {@code {key_range}}, and the declared ones)
 * @param remaining optional query that returns 0 once the migration is complete
 * @param sha256    of the file's bytes: a restart refuses to continue a run whose file changed
 */
public record MigrationDefinition(String name, String description, String database, String schema, String table,
                                  List<String> key, Map<String, ParameterSpec> params, String batch, String remaining,
                                  String sha256) {

    public String qualifiedTable() {
        return schema + "." + table;
    }
}
