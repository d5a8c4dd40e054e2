package dev.nightshift.sync.load;

import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one of the spool's schema scripts with psql, in one transaction: it applies completely or not at all. */
final class SqlScripts {

    private SqlScripts() {
    }

    static void run(PgClient client, PgTarget database, Path script, StopSignal stop) throws IOException {
        run(client, database, null, script, stop);
    }

    /** Runs {@code firstStatement} (may be null) and then the script, all in the same transaction. */
    static void run(PgClient client, PgTarget database, String firstStatement, Path script, StopSignal stop)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1",
                "--single-transaction", "--no-password"));
        if (firstStatement != null) {
            arguments.add("--command=" + firstStatement);
        }
        arguments.add("--file=" + script);
        client.psql(database, arguments).withStallWatch(database, "psql of " + script.getFileName() + " on "
                + database.describe()).run(null, OutputStream.nullOutputStream(), stop);
    }
}
