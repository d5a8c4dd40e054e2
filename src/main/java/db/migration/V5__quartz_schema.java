package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.util.Locale;

/**
 * Quartz's tables (qrtz_*) for the clustered scheduler mode, from the PostgreSQL DDL that ships inside the
 * quartz jar, created in the nightshift schema (Flyway sets the search_path to it). The script's DROP TABLE
 * statements and its COMMIT are left out: a migration never drops what a running scheduler uses, and
 * nothing but Flyway (no Boot schema initializer) touches these tables.
 */
public class V5__quartz_schema extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        ShippedDdl.run(context.getConnection(), "/org/quartz/impl/jdbcjobstore/tables_postgres.sql", "quartz", sql -> {
            String upper = sql.toUpperCase(Locale.ROOT);
            return !upper.startsWith("DROP ") && !upper.equals("COMMIT");
        });
    }
}
