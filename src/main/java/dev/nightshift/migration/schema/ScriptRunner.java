package dev.nightshift.migration.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs statements one by one on a connection, in whatever transaction mode the caller set. */
final class ScriptRunner {

    private ScriptRunner() {
    }

    static void run(Connection connection, List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
