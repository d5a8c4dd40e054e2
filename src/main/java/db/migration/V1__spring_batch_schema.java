package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;

/**
 * Spring Batch's job repository tables, from the DDL that ships inside spring-batch-core, created in the
 * nightshift schema (Flyway sets the search_path to it). Boot's own initializer is switched off: Flyway is
 * the only thing that changes the ops database's schema.
 */
public class V1__spring_batch_schema extends BaseJavaMigration {

    private static final String DDL = "/org/springframework/batch/core/schema-postgresql.sql";

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
        }
    }

    private static String[] statements() throws IOException {
        try (InputStream in = V1__spring_batch_schema.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IOException(DDL + " is missing from the classpath (spring-batch-core)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return java.util.Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
        }
    }
}
