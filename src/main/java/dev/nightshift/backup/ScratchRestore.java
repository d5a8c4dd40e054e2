package dev.nightshift.backup;

import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Restores an artifact into a throwaway database on a server, counts every table's rows, and drops the
 * database again whatever happened: what a restore verification and a test restore have in common.
 */
final class ScratchRestore {

    private final ArtifactRestorer restorer = new ArtifactRestorer();

    /** @param namePrefix the throwaway database's name before a random suffix, so a leftover says who made it */
    Map<String, Long> restoreAndCount(StoredArtifact artifact, String expectedSha256, PgClient client, PgTarget server,
                                      String namePrefix, StopSignal stop) throws IOException, SQLException {
        String scratch = namePrefix + UUID.randomUUID().toString().substring(0, 8);
        DatabaseAdmin admin = new DatabaseAdmin(server);
        admin.create(scratch);
        try {
            PgTarget restored = server.withDatabase(scratch);
            restorer.restore(artifact, client, restored, expectedSha256, stop);
            try (Connection c = restored.connect()) {
                return SnapshotInventory.rowCounts(c);
            }
        } finally {
            admin.dropIfExists(scratch);
        }
    }
}
