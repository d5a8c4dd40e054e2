package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** Checks that belong before any job starts, so a typo costs a second and not a failed night. */
final class Preflight {

    private Preflight() {
    }

    static void requireReachable(PgTarget target) {
        try (Connection ignored = target.connect()) {
            // connected: credentials and database are right
        } catch (SQLException e) {
            throw new ConfigurationException("cannot connect to " + target.describe() + ": " + e.getMessage()
                    + "; check nightshift.environments." + target.environment() + " (host, port, username, password)"
                    + " and that the server accepts connections");
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
