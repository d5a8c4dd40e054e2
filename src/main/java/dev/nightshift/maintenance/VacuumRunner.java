package dev.nightshift.maintenance;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.Identifiers;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import dev.nightshift.postgres.StopSignal;
import org.springframework.batch.core.job.JobInterruptedException;
import dev.nightshift.jobs.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Vacuums candidates one at a time on an autocommit connection (VACUUM cannot run in a transaction) with
 * SKIP_LOCKED and lock_timeout, so a table someone holds is skipped at once. A failing table is recorded and
 * the next one starts; when the window has ended, the rest are recorded as not started.
 */
final class VacuumRunner {

    private static final Logger LOG = LoggerFactory.getLogger(VacuumRunner.class);
    private static final String NUMBERS = "SELECT s.n_dead_tup, CASE WHEN EXISTS (SELECT 1 FROM pg_locks l"
            + " WHERE l.relation = c.oid AND l.mode = 'AccessExclusiveLock' AND l.granted)"
            + " THEN c.relpages::bigint * current_setting('block_size')::bigint ELSE pg_total_relation_size(c.oid) END"
            + " FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid"
            + " WHERE c.oid = to_regclass(?)";

    private final Connection connection;
    private final PgTarget server;
    private final VacuumLog log;
    private final long jobInstanceId;
    private final Instant windowEnd;

    VacuumRunner(Connection connection, PgTarget server, VacuumLog log, long jobInstanceId, Instant windowEnd) {
        this.connection = connection;
        this.server = server;
        this.log = log;
        this.jobInstanceId = jobInstanceId;
        this.windowEnd = windowEnd;
    }

    void run(List<VacuumCandidate> candidates, StopSignal stop, Progress progress) throws SQLException, JobInterruptedException {
        Set<String> handled = log.handled(jobInstanceId);
        int ordinal = 0;
        for (VacuumCandidate candidate : candidates) {
            ordinal++;
            if (handled.contains(candidate.qualifiedName())) {
                progress.add(1);
                continue;
            }
            if (stop.stopRequested()) {
                throw new JobInterruptedException("maintenance stopped before vacuuming " + candidate.qualifiedName()
                        + "; a restart continues with it");
            }
            VacuumResult result = Instant.now().isBefore(windowEnd) ? vacuum(candidate)
                    : new VacuumResult(candidate.schema(), candidate.table(), candidate.reason(), candidate.command(),
                    VacuumResult.Outcome.NOT_STARTED, "the maintenance window ended at " + windowEnd,
                    null, null, null, null, null);
            LOG.info("{} {}{}", result.outcome(), candidate.qualifiedName(),
                    result.message().isEmpty() ? "" : ": " + result.message());
            log.record(jobInstanceId, ordinal, result);
            progress.add(1);
        }
    }

    private VacuumResult vacuum(VacuumCandidate candidate) throws SQLException {
        String regclass = Identifiers.quote(candidate.schema(), candidate.table());
        long[] before = numbers(regclass);
        if (before == null) {
            return new VacuumResult(candidate.schema(), candidate.table(), candidate.reason(), candidate.command(),
                    VacuumResult.Outcome.SKIPPED, "the table was dropped meanwhile", null, null, null, null, null);
        }
        long started = System.nanoTime();
        VacuumResult.Outcome outcome = VacuumResult.Outcome.VACUUMED;
        String message = "";
        StallWatch watch = StallWatch.onConnection(server, connection, "VACUUM of " + candidate.qualifiedName());
        try (watch; Statement statement = connection.createStatement()) {
            Failpoint.reach("maintenance.vacuum.before");
            statement.execute(candidate.command());
            for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                // "skipping vacuum of "t" --- lock not available", or "... only table or database owner can vacuum it"
                if (w.getMessage() != null && w.getMessage().startsWith("skipping")) {
                    outcome = VacuumResult.Outcome.SKIPPED;
                    message = "PostgreSQL: " + w.getMessage();
                }
            }
        } catch (SQLException e) {
            if (watch.stalled()) {
                // the connection is aborted: nothing more can run on it, and the run must say why
                throw watch.sqlFailure(e);
            }
            outcome = VacuumResult.Outcome.FAILED;
            message = e.getMessage().lines().findFirst().orElse(e.toString());
        }
        Failpoint.reach("maintenance.vacuum.after");
        long millis = (System.nanoTime() - started) / 1_000_000;
        long[] after = outcome == VacuumResult.Outcome.VACUUMED ? numbers(regclass) : before;
        if (after == null) {
            after = before;
        }
        return new VacuumResult(candidate.schema(), candidate.table(), candidate.reason(), candidate.command(),
                outcome, message, before[0], after[0], before[1], after[1], millis);
    }

    /** Dead tuples and total size; null when the table no longer exists. */
    private long[] numbers(String regclass) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(NUMBERS)) {
            statement.setString(1, regclass);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }
}
