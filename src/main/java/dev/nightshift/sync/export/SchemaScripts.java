package dev.nightshift.sync.export;

import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.StopSignal;
import dev.nightshift.sync.snapshot.SpoolFiles;
import dev.nightshift.sync.snapshot.SpoolManifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the schema of a custom-format archive as three SQL scripts in the spool: pre-data (loaded before
 * the rows), post-data (indexes, constraints, triggers, materialized view refreshes: after them) and the
 * whole schema-only script the verification compares the copy with. Owners and grants are left out because
 * roles differ between environments; what else never reaches the copy (user mappings, comments unless
 * asked for...) is {@link CatalogScrub}'s decision, applied through a filtered {@code pg_restore --list}.
 */
public final class SchemaScripts {

    /** Opens the archive from its start; each script reads it once. */
    @FunctionalInterface
    interface ArchiveOpener {
        InputStream open() throws IOException;
    }

    private static final List<String> COMMON = List.of("--no-owner", "--no-privileges", "--no-publications",
            "--no-subscriptions", "--no-security-labels");

    private SchemaScripts() {
    }

    /** The spool file listing what was left out of the schema (for the run report). */
    public static final String LEFT_OUT = "schema-left-out.txt";
    private static final String LIST = "schema.list";

    static void write(PgClient client, ArchiveOpener archive, SpoolFiles spool, StopSignal stop, boolean copyComments)
            throws IOException {
        CatalogScrub scrub = new CatalogScrub(copyComments);
        java.io.ByteArrayOutputStream listing = new java.io.ByteArrayOutputStream();
        FailureRecordingStream in = new FailureRecordingStream(archive.open());
        client.pgRestore(null, List.of("--list")).run(in, listing, stop);
        in.rethrow();
        try (OutputStream out = spool.create(LIST)) {
            out.write(scrub.filter(listing.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (OutputStream out = spool.create(LEFT_OUT)) {
            out.write(scrub.leftOut().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        script(client, archive, "--section=pre-data", spool, SpoolManifest.PRE_DATA, stop);
        script(client, archive, "--section=post-data", spool, SpoolManifest.POST_DATA, stop);
        script(client, archive, "--schema-only", spool, SpoolManifest.SCHEMA, stop);
        if (copyComments) {
            CatalogScrub.requireCleanComments(java.nio.file.Files.readString(spool.resolve(SpoolManifest.SCHEMA)));
        }
    }

    private static void script(PgClient client, ArchiveOpener archive, String selection, SpoolFiles spool, String file,
                               StopSignal stop) throws IOException {
        List<String> arguments = new ArrayList<>(COMMON);
        arguments.add(selection);
        arguments.add("--use-list=" + spool.resolve(LIST));
        arguments.add("--file=-");
        FailureRecordingStream in = new FailureRecordingStream(archive.open());
        try (OutputStream out = spool.create(file)) {
            client.pgRestore(null, arguments).run(in, out, stop);
        }
        in.rethrow();
    }
}
