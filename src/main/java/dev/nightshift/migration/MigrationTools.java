package dev.nightshift.migration;

import dev.nightshift.config.MigrationProperties;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.RunningJobs;
import dev.nightshift.postgres.PgTarget;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/** What the data-migration steps share: settings, targets, the ops database and stop requests. */
@Component
class MigrationTools {

    private final NightshiftProperties properties;
    private final Targets targets;
    private final DataSource ops;
    private final RunningJobs running;

    MigrationTools(NightshiftProperties properties, Targets targets, DataSource ops, RunningJobs running) {
        this.properties = properties;
        this.targets = targets;
        this.ops = ops;
        this.running = running;
    }

    MigrationProperties settings() {
        return properties.migration();
    }

    MigrationFiles files() {
        return new MigrationFiles(settings().directory());
    }

    Targets targets() {
        return targets;
    }

    PgTarget target(String environment, MigrationDefinition definition) {
        return targets.resolve(environment, definition.database());
    }

    DataSource ops() {
        return ops;
    }

    RunningJobs running() {
        return running;
    }
}
