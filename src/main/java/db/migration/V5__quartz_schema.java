package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/**
 * Quartz's tables (qrtz_*) for the clustered scheduler mode, from the PostgreSQL DDL that ships inside the
 * quartz jar, created in the nightshift schema (Flyway sets the search_path to it). The script's DROP TABLE
 * statements are left out: a migration never drops what a running scheduler uses, and nothing but Flyway
 * (no Boot schema initializer) touches these tables.
 */
public class V5__quartz_schema extends BaseJavaMigration {

    private static final String DDL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
        }
    }

    private static String[] statements() throws IOException {
        try (InputStream in = V5__quartz_schema.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IOException(DDL + " is missing from the classpath (quartz)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty())
                    .filter(s -> !s.toUpperCase(Locale.ROOT).startsWith("DROP "))
                    .filter(s -> !s.toUpperCase(Locale.ROOT).equals("COMMIT"))
                    .toArray(String[]::new);
        }
    }
}
