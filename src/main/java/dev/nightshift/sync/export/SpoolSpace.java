package dev.nightshift.sync.export;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The spool holds the source's rows as COPY text, about the size of its tables without indexes. A disk that
 * fills up halfway would fail the night after hours of work, so the run is refused before it starts.
 */
final class SpoolSpace {

    private SpoolSpace() {
    }

    static void require(PgTarget source, Path workDirectory) throws SQLException {
        long needed;
        try (Connection c = source.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT coalesce(sum(pg_table_size(c.oid)), 0) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'""")) {
            rs.next();
            needed = rs.getLong(1);
        }
        long free;
        try {
            Files.createDirectories(workDirectory);
            free = Files.getFileStore(workDirectory).getUsableSpace();
        } catch (IOException e) {
            throw new ConfigurationException("cannot use nightshift.sync.work-directory " + workDirectory + " (" + e
                    + "); create it writable for the user Nightshift runs as, or point the setting elsewhere");
        }
        if (free < needed) {
            throw new ConfigurationException("nightshift.sync.work-directory " + workDirectory + " has "
                    + (free >> 20) + " MiB free but the source's tables take " + (needed >> 20)
                    + " MiB, which the sync spools there; free some space or point the setting to a larger volume");
        }
    }
}
