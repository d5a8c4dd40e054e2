package dev.nightshift.schedule;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgTarget;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether every database of the scheduled environment answers, as the seed guides' /health does: one that
 * does not makes the whole health DOWN (HTTP 503), naming it and the error (never a password).
 */
@Component("targetDatabases")
public class TargetDatabasesHealth implements HealthIndicator {

    private final SchedulerState state;
    private final Targets targets;

    TargetDatabasesHealth(SchedulerState state, Targets targets) {
        this.state = state;
        this.targets = targets;
    }

    @Override
    public Health health() {
        if (state.environment().isEmpty()) {
            return Health.unknown().build();
        }
        String environment = state.environment().get();
        Map<String, Object> databases = new LinkedHashMap<>();
        boolean up = true;
        try {
            for (PgTarget target : targets.resolve(environment, List.of())) {
                String result = check(target);
                up &= result.equals("up");
                databases.put(target.logicalName(), result);
            }
        } catch (ConfigurationException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
        return (up ? Health.up() : Health.down()).withDetail("environment", environment)
                .withDetail("databases", databases).build();
    }

    private static String check(PgTarget target) {
        try (Connection connection = target.connectBounded(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            statement.execute("SELECT 1");
            return "up";
        } catch (SQLException e) {
            return "down: " + target.describe() + ": " + e.getMessage();
        }
    }
}
