package dev.nightshift.migration.schema;

import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import org.springframework.jdbc.datasource.AbstractDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections to one target for Flyway, opened the way every Nightshift connection is (credentials never in a URL),
 * each under an application name of this data source's own, so that a {@link #watch} can tell Flyway's sessions on
 * the server apart and end all of them when the server stops answering.
 */
final class TargetDataSource extends AbstractDataSource {

    private final PgTarget target;
    private final String applicationName = "nightshift-flyway-" + UUID.randomUUID();
    private final Set<Connection> opened = ConcurrentHashMap.newKeySet();

    TargetDataSource(PgTarget target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = target.connect();
        try (PreparedStatement name = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            name.setString(1, applicationName);
            name.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        opened.add(connection);
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) {
        throw new UnsupportedOperationException("the target's own credentials are used");
    }

    /**
     * Watches Flyway's sessions while it migrates: Flyway keeps idle connections beside the one that works, so
     * the work moves while any of them does. A stall aborts every connection it opened.
     */
    StallWatch watch(String what) {
        return StallWatch.onApplication(target, applicationName, what, () -> opened.forEach(StallWatch::abort));
    }
}
