package dev.nightshift.config;

import java.nio.file.Path;

/**
 * Where pg_dump and pg_restore come from.
 *
 * @param binDir directory with pg_dump and pg_restore; empty to pick the newest installed client that is at
 *               least as new as the server (Debian's /usr/lib/postgresql/N/bin, then the PATH)
 */
public record PostgresClientProperties(Path binDir) {
}
