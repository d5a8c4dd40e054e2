package dev.nightshift.migration.schema;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.List;

/**
 * A backup restored into a scratch database (named by {@code ScratchDatabases}, so a killed rehearsal's copy is
 * dropped by the next job on that server) on the server of the environment it came from (a server allowed to
 * hold that data), dropped on close whatever happened.
 */
final class ScratchCopy implements AutoCloseable {

    private final DatabaseAdmin admin;
    private final PgTarget database;

    private ScratchCopy(DatabaseAdmin admin, PgTarget database) {
        this.admin = admin;
        this.database = database;
    }

    /** Restores {@code backup} through the backup family's checksummed stream; drops the database again if that fails. */
    static ScratchCopy restore(BackupJobs backups, CatalogEntry backup, PgClient client, PgTarget live, String name)
            throws IOException, SQLException {
        DatabaseAdmin admin = new DatabaseAdmin(live);
        admin.create(name);
        ScratchCopy copy = new ScratchCopy(admin, live.withDatabase(name));
        try (InputStream artifact = backups.openArtifact(backup)) {
            client.pgRestore(copy.database, List.of("--no-owner", "--no-privileges", "--exit-on-error", "--no-password",
                    "--dbname=" + copy.database.libpqConnectionString())).run(artifact, OutputStream.nullOutputStream(), StopSignal.NEVER);
        } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    PgTarget database() {
        return database;
    }

    @Override
    public void close() throws SQLException {
        admin.dropIfExists(database.database());
    }
}
