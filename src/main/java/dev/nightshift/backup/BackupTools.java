package dev.nightshift.backup;

import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.ServerVersion;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** What every backup and restore step needs: the configuration, the target, a fitting client, the directory. */
@Component
class BackupTools {

    private final NightshiftProperties properties;
    private final Targets targets;

    BackupTools(NightshiftProperties properties, Targets targets) {
        this.properties = properties;
        this.targets = targets;
    }

    NightshiftProperties properties() {
        return properties;
    }

    PgTarget target(String environment, String logical) {
        return targets.resolve(environment, logical);
    }

    BackupDirectory directory() {
        return new BackupDirectory(properties.backup().directory());
    }

    /** A pg_dump/pg_restore at least as new as the target's server. */
    PgClient clientFor(PgTarget target) throws IOException, SQLException {
        try (Connection c = target.connect()) {
            return PgClient.forServer(ServerVersion.of(c), properties.postgres().binDir());
        }
    }
}
