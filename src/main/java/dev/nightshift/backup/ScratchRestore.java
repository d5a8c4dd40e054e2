package dev.nightshift.backup;

import dev.nightshift.jobs.ScratchDatabases;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Restores an artifact into a throwaway database on a server, counts every table's rows, and drops the
 * database again whatever happened: what a restore verification and a test restore have in common.
 */
final class ScratchRestore {

    private final ArtifactRestorer restorer = new ArtifactRestorer();

    /**
     * @param purpose        what the scratch database is for ({@code verify}, {@code test_restore})
     * @param jobExecutionId the job it belongs to: a leftover of a killed job is dropped by the next job on the
     *                       server (see {@link ScratchDatabases})
     */
    Map<String, Long> restoreAndCount(StoredArtifact artifact, String expectedSha256, PgClient client, PgTarget server,
                                      String purpose, long jobExecutionId, StopSignal stop) throws IOException, SQLException {
        String scratch = ScratchDatabases.name(purpose, jobExecutionId);
        DatabaseAdmin admin = new DatabaseAdmin(server);
        admin.dropIfExists(scratch); // a restarted execution gets a new id; this is a retry within one
        admin.create(scratch);
        try {
            PgTarget restored = server.withDatabase(scratch);
            restorer.restore(artifact, client, restored, expectedSha256, stop);
            Failpoint.reach("scratch-restore.after-load");
            try (Connection c = restored.connect()) {
                return SnapshotInventory.rowCounts(c);
            }
        } finally {
            admin.dropIfExists(scratch);
        }
    }
}
