package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.ClientVersionException;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.ServerVersion;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** Checks that belong before any job starts, so a typo costs a second and not a failed night. */
final class Preflight {

    private Preflight() {
    }

    static void requireReachable(PgTarget target) {
        try (Connection ignored = target.connectBounded()) {
            // connected: credentials and database are right
        } catch (SQLException e) {
            throw new ConfigurationException("cannot connect to " + target.describe() + ": " + e.getMessage()
                    + "; check nightshift.environments." + target.environment() + " (host, port, username, password)"
                    + " and that the server accepts connections");
        }
    }

    /**
     * A pg_dump at least as new as the server is installed (or configured): otherwise the run would fail after
     * its job started, so say now which client package to install.
     */
    static void requireClientFor(PgTarget target, java.nio.file.Path configuredBinDir) {
        try (Connection c = target.connectBounded()) {
            PgClient.forServer(ServerVersion.of(c), configuredBinDir);
        } catch (ClientVersionException e) {
            throw new ConfigurationException(target.describe() + ": " + e.getMessage() + "; nothing was written");
        } catch (SQLException | java.io.IOException e) {
            throw new ConfigurationException("cannot check the PostgreSQL client for " + target.describe() + ": " + e.getMessage());
        }
    }

    static String verifyMode(String value) {
        String mode = value.toLowerCase(Locale.ROOT);
        if (!mode.equals("list") && !mode.equals("restore")) {
            throw new ConfigurationException("--verify must be list or restore, was " + value);
        }
        return mode;
    }
}
