package dev.nightshift.backup;

import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.SafetyGuardException;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgClients;
import dev.nightshift.postgres.PgTarget;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.SQLException;

/** What every backup and restore step needs: the configuration, the target, a fitting client, the directory. */
@Component
class BackupTools {

    private final NightshiftProperties properties;
    private final Targets targets;
    private final PgClients clients;

    BackupTools(NightshiftProperties properties, Targets targets, PgClients clients) {
        this.properties = properties;
        this.targets = targets;
        this.clients = clients;
    }

    NightshiftProperties properties() {
        return properties;
    }

    PgTarget target(String environment, String logical) {
        return targets.resolve(environment, logical);
    }

    /**
     * Where a restore verification of {@code source} loads its scratch copy. A full restore loads a server
     * as much as the restore of a real incident would, so it goes to nightshift.backup.verify-environment,
     * or to the source's own server only when that is not protected or the operator confirmed it.
     */
    PgTarget scratchServer(PgTarget source, boolean confirmedProduction) {
        String environment = properties.backup().verifyEnvironment();
        if (environment == null || environment.isBlank()) {
            environment = source.environment();
        }
        if (targets.isProtected(environment) && !confirmedProduction) {
            throw new SafetyGuardException("refusing to verify by restore on the server of protected environment '"
                    + environment + "': it would create and load a scratch database there; set"
                    + " nightshift.backup.verify-environment to another environment, or add --confirm-production");
        }
        return targets.server(environment);
    }

    BackupDirectory directory() {
        return new BackupDirectory(properties.backup().directory());
    }

    /** A pg_dump/pg_restore at least as new as the target's server. */
    PgClient clientFor(PgTarget target) throws IOException, SQLException {
        return clients.forTarget(target);
    }
}
