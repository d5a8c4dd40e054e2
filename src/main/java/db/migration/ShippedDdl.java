package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Runs a DDL script that ships inside a library jar (Spring Batch's, Quartz's) statement by statement, so the
 * ops schema is built from the exact DDL of the version on the classpath, by Flyway only.
 */
final class ShippedDdl {

    private ShippedDdl() {
    }

    /** Runs the statements of {@code resource} that {@code keep} accepts (comment lines removed). */
    static void run(Connection connection, String resource, String library, Predicate<String> keep) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(resource, library)) {
                if (keep.test(sql)) {
                    statement.execute(sql);
                }
            }
        }
    }

    private static String[] statements(String resource, String library) throws IOException {
        try (InputStream in = ShippedDdl.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the classpath (" + library + ")");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
        }
    }
}
