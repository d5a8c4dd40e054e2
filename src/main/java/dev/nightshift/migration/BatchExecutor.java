package dev.nightshift.migration;

import dev.nightshift.config.MigrationProperties;
import dev.nightshift.postgres.Failpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * Runs one batch in its own transaction on the target, with {@code lock_timeout} and
 * {@code statement_timeout}: {@link #apply} commits it (recording it in the run's progress around the
 * commit), {@link #tryOut} rolls it back for a dry run.
 */
final class BatchExecutor {

    /** What one batch did. */
    record Outcome(long rows, Duration took) {
    }

    // lock_not_available (lock_timeout), query_canceled (statement_timeout)
    private static final String LOCK_TIMEOUT = "55P03";
    private static final Set<String> TIMEOUTS = Set.of(LOCK_TIMEOUT, "57014");

    private final Connection target;
    private final BatchStatement statement;
    private final MigrationProperties settings;
    private final String fromBeforeFirst;

    BatchExecutor(Connection target, BatchStatement statement, MigrationProperties settings, String fromBeforeFirst) {
        this.target = target;
        this.statement = statement;
        this.settings = settings;
        this.fromBeforeFirst = fromBeforeFirst;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && TIMEOUTS.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A lock wait ran out: worth retrying the same batch, the lock may be gone by then. */
    static boolean lockTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOCK_TIMEOUT.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    Outcome apply(KeyRange range, MigrationProgress progress) throws SQLException {
        long start = System.nanoTime();
        boolean pending = false;
        try {
            long rows = execute(range);
            progress.pending(transactionId(), range, rows);
            pending = true;
            Failpoint.reach("migration.batch.before-commit");
            target.commit();
            // the batch's locks were held until here: that is the duration the batch size is steered by
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            target.setAutoCommit(true);
            Failpoint.reach("migration.batch.after-commit");
            // a failure from here on leaves the batch pending: the restart asks the target whether it committed
            try {
                progress.confirm();
            } catch (RuntimeException e) {
                // the run's outcome shows the root cause's message: this one, not the socket's, says what happened
                IllegalStateException unrecorded = new IllegalStateException("the batch " + range.describe()
                        + " committed on the target, but recording it in the ops database failed (" + firstLine(e)
                        + "); a restart finds it committed and counts it once");
                unrecorded.addSuppressed(e);
                throw unrecorded;
            }
            return new Outcome(rows, took);
        } catch (SQLException | RuntimeException e) {
            if (!pending) {
                rollbackQuietly(e);
            }
            throw e;
        }
    }

    Outcome tryOut(KeyRange range) throws SQLException {
        long start = System.nanoTime();
        try {
            long rows = execute(range);
            return new Outcome(rows, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            rollback();
        }
    }

    /** The plan of the batch statement for {@code range}, as EXPLAIN shows it (in a rolled-back transaction). */
    String explain(KeyRange range) throws SQLException {
        try {
            begin();
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = statement.prepare(target, "EXPLAIN ", range, fromBeforeFirst);
                 ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        } finally {
            rollback();
        }
    }

    private long execute(KeyRange range) throws SQLException {
        begin();
        try (PreparedStatement batch = statement.prepare(target, "", range, fromBeforeFirst)) {
            return batch.executeLargeUpdate();
        }
    }

    private void begin() throws SQLException {
        target.setAutoCommit(false);
        try (PreparedStatement timeouts = target.prepareStatement(
                "SELECT set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true)")) {
            timeouts.setString(1, settings.lockTimeout().toMillis() + "ms");
            timeouts.setString(2, settings.batchStatementTimeout().toMillis() + "ms");
            timeouts.execute();
        }
    }

    private String transactionId() throws SQLException {
        try (PreparedStatement xid = target.prepareStatement("SELECT txid_current()::text");
             ResultSet rs = xid.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    // between batches the connection is in autocommit, so the health checks see the server's clock and no open transaction
    private void rollback() throws SQLException {
        target.rollback();
        target.setAutoCommit(true);
    }

    private void rollbackQuietly(Exception cause) {
        try {
            rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
