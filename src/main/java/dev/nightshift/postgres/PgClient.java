package dev.nightshift.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pg_dump and pg_restore of one installed client version, chosen so that it can handle a given server:
 * pg_dump refuses servers newer than itself, so the client's major version must be at least the server's.
 */
public final class PgClient {

    private final Path binDir;
    private final ServerVersion version;

    private PgClient(Path binDir, ServerVersion version) {
        this.binDir = binDir;
        this.version = version;
    }

    /**
     * The configured bin directory, or the newest installed client; either way one at least as new as
     * {@code server}.
     *
     * @throws ClientVersionException naming the client package to install when none fits
     */
    public static PgClient forServer(ServerVersion server, Path configuredBinDir) throws IOException {
        List<Path> candidates = configuredBinDir != null
                ? List.of(configuredBinDir)
                : PostgresInstallation.binDirsWith("pg_dump");
        List<String> seen = new ArrayList<>();
        for (Path bin : candidates) {
            ServerVersion client = versionOf(bin);
            if (client.major() >= server.major()) {
                return new PgClient(bin, client);
            }
            seen.add("pg_dump " + client + " in " + bin);
        }
        throw new ClientVersionException("the PostgreSQL server is version " + server + " but "
                + (seen.isEmpty() ? "no pg_dump was found" : "only " + String.join(", ", seen) + " was found")
                + "; install postgresql-client-" + server.major() + " (or newer) or set nightshift.postgres.bin-dir"
                + " to the bin directory of a PostgreSQL " + server.major() + "+ installation");
    }

    private static ServerVersion versionOf(Path bin) throws IOException {
        String out = new ExternalCommand(List.of(bin.resolve("pg_dump").toString(), "--version"), java.util.Map.of()).output();
        return ServerVersion.parseClient(out);
    }

    public ServerVersion version() {
        return version;
    }

    public Path binDir() {
        return binDir;
    }

    /** pg_dump of {@code target}'s database, with the keepalive and user-timeout settings of its connection. */
    public ExternalCommand pgDump(PgTarget target, List<String> arguments) {
        List<String> withDatabase = new ArrayList<>(arguments);
        withDatabase.add("--dbname=" + target.libpqConnectionString());
        return command("pg_dump", target, withDatabase);
    }

    public ExternalCommand pgRestore(PgTarget target, List<String> arguments) {
        return command("pg_restore", target, arguments);
    }

    /** psql, for the SQL scripts pg_dump and pg_restore write (they may hold psql meta-commands). */
    public ExternalCommand psql(PgTarget target, List<String> arguments) {
        return command("psql", target, arguments);
    }

    private ExternalCommand command(String program, PgTarget target, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(binDir.resolve(program).toString());
        command.addAll(arguments);
        return new ExternalCommand(command, target == null ? java.util.Map.of() : target.libpqEnvironment());
    }
}
