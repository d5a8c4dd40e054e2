package dev.nightshift.sync;

import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** Runs one of the spool's schema scripts with psql, in one transaction: it applies completely or not at all. */
final class SqlScripts {

    private SqlScripts() {
    }

    static void run(PgClient client, PgTarget database, Path script, StopSignal stop) throws IOException {
        client.psql(database, List.of("--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                "--no-password", "--file=" + script)).run(null, OutputStream.nullOutputStream(), stop);
    }
}
