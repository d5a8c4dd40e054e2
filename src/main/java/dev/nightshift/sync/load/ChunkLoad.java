package dev.nightshift.sync.load;

import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.SpooledTable;
import dev.nightshift.postgres.CopyBinary;
import dev.nightshift.postgres.Identifiers;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One chunk of a spooled part into the incoming database: its rows with one COPY (no row is parsed) and the
 * part's position after them ({@link LoadProgress}) in the same transaction, so after any kill the copy and
 * its progress agree. The connection is not in auto-commit and the caller has set
 * {@code synchronous_commit = off}: a commit per chunk would otherwise wait for its WAL flush.
 */
final class ChunkLoad {

    private ChunkLoad() {
    }

    /** Copies {@code blocks} and records the position after them; rolls back what it wrote if it fails. */
    static void write(Connection target, SpooledTable part, Iterable<? extends CopyBlock> blocks, long offsetAfter,
                      long rowsAfter) throws SQLException {
        CopyIn copy = target.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + part.copyTarget() + " FROM STDIN" + part.copyOptions());
        long rows = 0;
        try {
            if (part.binary()) {
                copy.writeToCopy(CopyBinary.HEADER, 0, CopyBinary.HEADER.length);
            }
            for (CopyBlock block : blocks) {
                copy.writeToCopy(block.data(), 0, block.length());
                rows += block.rows();
            }
            if (part.binary()) {
                copy.writeToCopy(CopyBinary.TRAILER, 0, CopyBinary.TRAILER.length);
            }
            long written = copy.endCopy();
            if (written != rows) {
                throw new SQLException("COPY into " + part.qualifiedName() + " wrote " + written + " rows of " + rows);
            }
            LoadProgress.record(target, part.file(), offsetAfter, rowsAfter);
            if (rowsAfter == part.rows()) {
                // the part's last chunk waits for the WAL flush, and with it every earlier chunk's commit: a
                // completed part is never loaded again, so its rows must not be lost in a crash of the target
                try (var s = target.createStatement()) {
                    s.execute("SET LOCAL synchronous_commit = on");
                }
            }
            target.commit();
            dev.nightshift.postgres.Failpoint.reach("sync.load.after-commit");
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            if (!target.getAutoCommit()) {
                target.rollback(); // a no-op after the commit; undoes a half-written chunk otherwise
            }
        }
    }

    /** ANALYZE of a table whose rows are all in, recorded so the post-data step does not do it again; commits. */
    static void analyze(Connection target, SpooledTable table) throws SQLException {
        try (var s = target.createStatement()) {
            s.execute("ANALYZE " + Identifiers.quote(table.schema(), table.name()));
        }
        LoadProgress.recordAnalyzed(target, table.qualifiedName());
        target.commit();
    }
}
