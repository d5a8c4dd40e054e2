package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which tables need a VACUUM, most urgent first: tables named for VACUUM FULL (the operator asked for them),
 * then transaction-id age (wraparound is an outage, bloat is not), then dead tuples.
 */
final class VacuumCandidates {

    private VacuumCandidates() {
    }

    static List<VacuumCandidate> select(List<TableHealth> tables, MaintenanceProperties settings, Set<String> full) {
        List<VacuumCandidate> fullFirst = new ArrayList<>();
        List<TableHealth> freeze = new ArrayList<>();
        List<TableHealth> dead = new ArrayList<>();
        for (TableHealth table : tables) {
            if (full.contains(table.qualifiedName())) {
                fullFirst.add(new VacuumCandidate(table.schema(), table.name(), "named with --vacuum-full", false, true));
            } else if (table.xidAge() >= settings.freezeAge()) {
                freeze.add(table);
            } else if (needsVacuum(table, settings)) {
                dead.add(table);
            }
        }
        freeze.sort(Comparator.comparingLong(TableHealth::xidAge).reversed());
        dead.sort(Comparator.comparingLong(TableHealth::deadTuples).reversed());
        List<VacuumCandidate> result = new ArrayList<>(fullFirst);
        freeze.forEach(t -> result.add(new VacuumCandidate(t.schema(), t.name(),
                "transaction-id age " + t.xidAge() + " >= " + settings.freezeAge(), true, false)));
        dead.forEach(t -> result.add(new VacuumCandidate(t.schema(), t.name(),
                t.deadTuples() + " dead tuples (" + String.format(Locale.ROOT, "%.1f", t.deadPercent()) + " %)", false, false)));
        return result;
    }

    static boolean needsVacuum(TableHealth table, MaintenanceProperties settings) {
        return table.deadTuples() >= settings.vacuumMinDeadTuples() && table.deadPercent() >= settings.vacuumDeadPercent();
    }
}
