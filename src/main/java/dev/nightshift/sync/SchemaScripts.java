package dev.nightshift.sync;

import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the schema of a custom-format archive as three SQL scripts in the spool: pre-data (loaded before
 * the rows), post-data (indexes, constraints, triggers, materialized view refreshes: after them) and the
 * whole schema-only script the verification compares the copy with. Owners and grants are left out because
 * roles differ between environments; publications and subscriptions because a staging copy must never
 * start replicating from or to production.
 */
final class SchemaScripts {

    /** Opens the archive from its start; each script reads it once. */
    @FunctionalInterface
    interface ArchiveOpener {
        InputStream open() throws IOException;
    }

    private static final List<String> COMMON = List.of("--no-owner", "--no-privileges", "--no-publications",
            "--no-subscriptions", "--no-security-labels");

    private SchemaScripts() {
    }

    static void write(PgClient client, ArchiveOpener archive, SpoolFiles spool, StopSignal stop) throws IOException {
        script(client, archive, "--section=pre-data", spool, SpoolManifest.PRE_DATA, stop);
        script(client, archive, "--section=post-data", spool, SpoolManifest.POST_DATA, stop);
        script(client, archive, "--schema-only", spool, SpoolManifest.SCHEMA, stop);
    }

    private static void script(PgClient client, ArchiveOpener archive, String selection, SpoolFiles spool, String file,
                               StopSignal stop) throws IOException {
        List<String> arguments = new ArrayList<>(COMMON);
        arguments.add(selection);
        arguments.add("--file=-");
        FailureRecordingStream in = new FailureRecordingStream(archive.open());
        try (OutputStream out = spool.create(file)) {
            client.pgRestore(null, arguments).run(in, out, stop);
        }
        in.rethrow();
    }
}
