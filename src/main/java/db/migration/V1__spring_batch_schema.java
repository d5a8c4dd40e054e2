package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Spring Batch's job repository tables, from the DDL that ships inside spring-batch-core, created in the
 * nightshift schema (Flyway sets the search_path to it). Boot's own initializer is switched off: Flyway is
 * the only thing that changes the ops database's schema.
 */
public class V1__spring_batch_schema extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        ShippedDdl.run(context.getConnection(), "/org/springframework/batch/core/schema-postgresql.sql",
                "spring-batch-core", sql -> true);
    }
}
