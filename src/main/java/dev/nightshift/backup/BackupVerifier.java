package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.VerifyMode;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
    private final ScratchRestore scratchRestore = new ScratchRestore();

    /**
     * @param scratchServer  where a {@code restore} verification creates, loads and drops its scratch database
     * @param jobExecutionId the job the scratch database belongs to, in its name
     */
    Verification verify(VerifyMode mode, StoredArtifact artifact, PgClient client, PgTarget scratchServer,
                        DumpResult dump, long jobExecutionId, StopSignal stop) {
        try {
            if (dump.rowCountFailure() != null) {
                return Verification.failed(dump.rowCountFailure());
            }
            if (dump.rowCounts().size() != dump.tableCount()) {
                return Verification.failed("the dump's stream holds " + dump.rowCounts().size()
                        + " tables but the database had " + dump.tableCount());
            }
            String toc = restorer.list(artifact, client);
            long tables = TOC_TABLE.matcher(toc).results().count();
            if (tables != dump.tableCount()) {
                return Verification.failed("pg_restore --list shows " + tables + " tables but the database had "
                        + dump.tableCount());
            }
            long dumpedRows = dump.rowCounts().values().stream().mapToLong(Long::longValue).sum();
            if (mode == VerifyMode.LIST) {
                return Verification.passed("pg_restore --list: " + tables + " tables; " + dumpedRows
                        + " rows counted in the dump");
            }
            Map<String, Long> counts = scratchRestore.restoreAndCount(artifact, dump.sha256(), client, scratchServer,
                    "verify", jobExecutionId, stop);
            List<String> differences = RowCountComparison.differences(dump.rowCounts(), counts);
            if (!differences.isEmpty()) {
                return Verification.failed("restore check: " + String.join("; ", differences));
            }
            long rows = counts.values().stream().mapToLong(Long::longValue).sum();
            return Verification.passed("restored into a scratch database: " + counts.size() + " tables, "
                    + rows + " rows, every count matches");
        } catch (IOException | SQLException e) {
            return Verification.failed(e.getMessage());
        }
    }
}
