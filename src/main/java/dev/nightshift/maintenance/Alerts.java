package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;

import java.util.ArrayList;
import java.util.List;

/** The configured conditions that make a run exit 1, so that a failing CronJob gets someone's attention. */
final class Alerts {

    private Alerts() {
    }

    static List<String> of(DatabaseHealth health, List<VacuumResult> vacuum, MaintenanceProperties s) {
        List<String> alerts = new ArrayList<>();
        if (s.alertXidAge() > 0) {
            health.tables().stream().filter(t -> t.xidAge() >= s.alertXidAge()).forEach(t -> alerts.add(
                    t.qualifiedName() + ": transaction-id age " + t.xidAge() + " reached alert-xid-age " + s.alertXidAge()
                            + " (wraparound risk): VACUUM (FREEZE) it now"));
        }
        if (s.alertOnFailedVacuum()) {
            vacuum.stream().filter(v -> v.outcome() == VacuumResult.Outcome.FAILED).forEach(v -> alerts.add(
                    "VACUUM of " + v.qualifiedName() + " failed: " + v.message()));
        }
        if (s.alertInvalidIndexes()) {
            health.indexFindings().invalid().forEach(f -> alerts.add("invalid index " + f.name() + " on " + f.table()
                    + ": drop it and create it again"));
        }
        ServerActivity activity = health.activity();
        if (s.alertConnectionsPercent() > 0 && activity.connectionsPercent() >= s.alertConnectionsPercent()) {
            alerts.add(activity.connections() + " of max_connections " + activity.maxConnections()
                    + " connections in use (alert at " + Recommendations.percent(s.alertConnectionsPercent()) + ")");
        }
        return alerts;
    }
}
