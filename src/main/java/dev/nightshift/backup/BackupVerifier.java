package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;
import dev.nightshift.config.BackupProperties.VerifyMode;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Proves a new artifact can be restored. {@code list} reads its table of contents and compares the tables
 * with the snapshot's; {@code restore} restores it into a throwaway database on the scratch server (checking
 * the checksum of every stored byte on the way) and compares every table's row count, then drops it.
 */
final class BackupVerifier {

    // "TABLE DATA" and a partition's "TABLE ATTACH" are further entries of a table already counted
    private static final Pattern TOC_TABLE = Pattern.compile("^\\d+; \\d+ \\d+ TABLE (?!DATA |ATTACH )", Pattern.MULTILINE);

    private final ArtifactRestorer restorer = new ArtifactRestorer();

    /** @param scratchServer where a {@code restore} verification creates, loads and drops its scratch database */
    Verification verify(VerifyMode mode, Path artifact, Compression compression, PgClient client, PgTarget scratchServer,
                        DumpResult dump, StopSignal stop) {
        try {
            String toc = restorer.list(artifact, compression, client);
            long tables = TOC_TABLE.matcher(toc).results().count();
            if (tables != dump.tableCount()) {
                return Verification.failed("pg_restore --list shows " + tables + " tables but the database had "
                        + dump.tableCount());
            }
            if (mode == VerifyMode.LIST) {
                return Verification.passed("pg_restore --list: " + tables + " tables");
            }
            return restoreAndCount(artifact, compression, client, scratchServer, dump, stop);
        } catch (IOException | SQLException e) {
            return Verification.failed(e.getMessage());
        }
    }

    private Verification restoreAndCount(Path artifact, Compression compression, PgClient client, PgTarget server,
                                         DumpResult dump, StopSignal stop) throws IOException, SQLException {
        String scratch = "nightshift_verify_" + UUID.randomUUID().toString().substring(0, 8);
        DatabaseAdmin admin = new DatabaseAdmin(server);
        admin.create(scratch);
        try {
            PgTarget restored = server.withDatabase(scratch);
            restorer.restore(artifact, compression, client, restored, dump.sha256(), stop);
            Map<String, Long> counts;
            try (Connection c = restored.connect()) {
                counts = SnapshotInventory.rowCounts(c);
            }
            List<String> differences = new ArrayList<>();
            dump.rowCounts().forEach((table, expected) -> {
                Long actual = counts.get(table);
                if (!expected.equals(actual)) {
                    differences.add(table + " has " + actual + " rows, expected " + expected);
                }
            });
            if (!differences.isEmpty()) {
                return Verification.failed("restore check: " + String.join("; ", differences));
            }
            long rows = counts.values().stream().mapToLong(Long::longValue).sum();
            return Verification.passed("restored into a scratch database: " + counts.size() + " tables, "
                    + rows + " rows, every count matches");
        } finally {
            admin.dropIfExists(scratch);
        }
    }
}
