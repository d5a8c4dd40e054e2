package dev.nightshift.migration.schema;

import dev.nightshift.postgres.PgTarget;
import org.springframework.jdbc.datasource.AbstractDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/** Connections to one target for Flyway, opened the way every Nightshift connection is (credentials never in a URL). */
final class TargetDataSource extends AbstractDataSource {

    private final PgTarget target;

    TargetDataSource(PgTarget target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.connect();
    }

    @Override
    public Connection getConnection(String username, String password) {
        throw new UnsupportedOperationException("the target's own credentials are used");
    }
}
