package dev.nightshift.maintenance;

import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgTarget;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Connections to the database being maintained: autocommit (VACUUM cannot run in a transaction, and a failed
 * query must not spoil the next) and with lock_timeout, so nothing the job does waits long for a lock.
 */
@Component
class MaintenanceConnections {

    private final Targets targets;
    private final NightshiftProperties properties;

    MaintenanceConnections(Targets targets, NightshiftProperties properties) {
        this.targets = targets;
        this.properties = properties;
    }

    PgTarget target(String environment, String logical) {
        return targets.resolve(environment, logical);
    }

    NightshiftProperties properties() {
        return properties;
    }

    Targets targets() {
        return targets;
    }

    Connection open(PgTarget target) throws SQLException {
        Connection connection = target.connect();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
                statement.setString(1, properties.maintenance().lockTimeout().toMillis() + "ms");
                statement.execute();
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }
}
