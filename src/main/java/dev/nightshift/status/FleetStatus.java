package dev.nightshift.status;

import dev.nightshift.backup.BackupFreshnessCheck;
import dev.nightshift.backup.TestRestoreHistory;
import dev.nightshift.backup.TestRestoreResult;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgTarget;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code nightshift status}: every database of an environment, across its servers, at a glance: the server's
 * answer (reachable, version, size, connections) and the last backup, test restore, sync and maintenance, with
 * what needs attention. The backup's freshness is judged exactly as {@code backups check} judges it.
 */
@Component
public class FleetStatus {

    /** Connections at or above this share of max_connections need attention (maintenance alerts at 90 % too). */
    private static final double CONNECTIONS_ALERT = 0.9;

    private final Targets targets;
    private final BackupFreshnessCheck freshness;
    private final TestRestoreHistory testRestores;
    private final OpsHistory history;

    FleetStatus(Targets targets, BackupFreshnessCheck freshness, TestRestoreHistory testRestores, DataSource ops) {
        this.targets = targets;
        this.freshness = freshness;
        this.testRestores = testRestores;
        this.history = new OpsHistory(ops);
    }

    public List<DatabaseStatus> of(String environment, List<String> databases) {
        Instant now = Instant.now();
        return targets.resolve(environment, databases).stream().map(target -> of(target, now)).toList();
    }

    private DatabaseStatus of(PgTarget target, Instant now) {
        List<String> problems = new ArrayList<>();
        ServerProbe.Answer server = ServerProbe.ask(target);
        if (!server.reachable()) {
            problems.add("unreachable: " + server.error());
        } else if (server.connections() >= CONNECTIONS_ALERT * server.maxConnections()) {
            problems.add("connections " + server.connections() + " of max " + server.maxConnections());
        }
        String environment = target.environment();
        String database = target.logicalName();
        BackupFreshnessCheck.Result backup = freshness.check(environment, database, now);
        if (!backup.ok()) {
            problems.add("backup: " + backup.problem());
        }
        Optional<TestRestoreResult> restore = testRestores.latest(environment, database).stream().findFirst();
        restore.filter(r -> !r.succeeded()).ifPresent(r -> problems.add("last test restore failed: " + r.detail()));
        Optional<OpsHistory.Run> sync = history.latest(List.of("sync", "sync-import"), environment, database);
        sync.filter(r -> "FAILED".equals(r.status())).ifPresent(r -> problems.add("last sync failed (execution " + r.id() + ")"));
        Optional<String> alerts = history.maintenanceAlerts(environment, database);
        alerts.filter(a -> !a.isBlank()).ifPresent(a -> problems.add("maintenance alerts: " + a));
        return new DatabaseStatus(environment, database, target.host() + ":" + target.port(), server.reachable(),
                server.version(), server.sizeBytes(), server.connections(), server.maxConnections(),
                backup.ok() ? backup.summary() : backup.problem(),
                restore.map(r -> (r.succeeded() ? "passed " : "FAILED ") + ago(r.finishedAt(), now)).orElse("never"),
                sync.map(r -> r.status().toLowerCase(Locale.ROOT) + " " + ago(r.ended() != null ? r.ended() : r.started(), now))
                        .orElse("never"),
                alerts.map(a -> a.isBlank() ? "no alerts" : a).orElse("never run"),
                history.running(environment, database), List.copyOf(problems));
    }

    static String ago(Instant then, Instant now) {
        return then == null ? "?" : BackupFreshnessCheck.human(Duration.between(then, now)) + " ago";
    }
}
