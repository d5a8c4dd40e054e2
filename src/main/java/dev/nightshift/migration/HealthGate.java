package dev.nightshift.migration;

import dev.nightshift.config.MigrationProperties;
import dev.nightshift.postgres.StopSignal;
import org.springframework.batch.core.job.JobInterruptedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds the next batch back while the database is busy: a standby lagging, another transaction open for too
 * long (it keeps vacuum from cleaning up what the batches leave behind), or autovacuum working on the
 * migrated table. Says in the log why it waits, and gives up after {@code max-wait}.
 */
final class HealthGate {

    private static final Logger LOG = LoggerFactory.getLogger(HealthGate.class);

    private static final String CHECK = """
            SELECT (SELECT max(extract(epoch FROM replay_lag)) FROM pg_stat_replication),
                   (SELECT application_name || ' (pid ' || pid || ')' FROM pg_stat_replication
                     ORDER BY replay_lag DESC NULLS LAST LIMIT 1),
                   (SELECT extract(epoch FROM now() - xact_start) FROM pg_stat_activity
                     WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
                       AND backend_type = 'client backend' ORDER BY xact_start LIMIT 1),
                   (SELECT 'pid ' || pid || ', user ' || coalesce(usename, '?') || ', ' || coalesce(nullif(application_name, ''), 'no application name')
                           || ', ' || state FROM pg_stat_activity
                     WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
                       AND backend_type = 'client backend' ORDER BY xact_start LIMIT 1),
                   (SELECT p.pid FROM pg_stat_progress_vacuum p JOIN pg_stat_activity a ON a.pid = p.pid
                     WHERE p.relid = ?::regclass AND p.datname = current_database()
                       AND a.backend_type = 'autovacuum worker' LIMIT 1)
            """;

    private final MigrationProperties.Health settings;
    private final String table;

    HealthGate(MigrationProperties.Health settings, String quotedTable) {
        this.settings = settings;
        this.table = quotedTable;
    }

    /** Returns once the database is fit for the next batch. */
    void await(Connection connection, StopSignal stop, String run) throws SQLException, JobInterruptedException {
        long started = System.nanoTime();
        long lastLog = 0;
        for (Optional<String> busy = reason(connection); busy.isPresent(); busy = reason(connection)) {
            long waited = System.nanoTime() - started;
            if (waited > settings.maxWait().toNanos()) {
                throw new IllegalStateException(run + " waited " + Duration.ofNanos(waited).toSeconds()
                        + " s for the database to calm down and gives up: " + busy.get()
                        + "; restart it later with nightshift jobs restart, or raise nightshift.migration.health.max-wait");
            }
            if (lastLog == 0 || System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                LOG.info("{} waiting before the next batch: {}", run, busy.get());
                lastLog = System.nanoTime();
            }
            if (stop.stopRequested()) {
                throw new JobInterruptedException(run + " stopped while waiting for the database");
            }
            try {
                Thread.sleep(settings.checkInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobInterruptedException(run + " interrupted while waiting for the database");
            }
        }
        if (lastLog != 0) {
            LOG.info("{} continues: the database is fit again", run);
        }
    }

    Optional<String> reason(Connection connection) throws SQLException {
        List<String> reasons = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(CHECK)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                double lag = rs.getDouble(1);
                if (!settings.maxReplicationLag().isZero() && lag > seconds(settings.maxReplicationLag())) {
                    reasons.add(String.format("standby %s replays %.1f s behind (limit %s, nightshift.migration.health.max-replication-lag)",
                            rs.getString(2), lag, settings.maxReplicationLag().toSeconds() + " s"));
                }
                double age = rs.getDouble(3);
                if (!settings.maxTransactionAge().isZero() && age > seconds(settings.maxTransactionAge())) {
                    reasons.add(String.format("a transaction has been open for %.0f s (%s; limit %s s, nightshift.migration.health.max-transaction-age)",
                            age, rs.getString(4), settings.maxTransactionAge().toSeconds()));
                }
                if (settings.waitForAutovacuum() && rs.getObject(5) != null) {
                    reasons.add("autovacuum (pid " + rs.getInt(5) + ") is working on " + table);
                }
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
