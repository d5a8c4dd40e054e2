package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The advice per table, each with the number that triggered it. */
final class Recommendations {

    private Recommendations() {
    }

    static List<Recommendation> forTable(TableHealth table, BloatEstimate bloat, Pgstattuple.Measured measured,
                                         List<IndexHealth> indexes, VacuumResult vacuumed, MaintenanceProperties s) {
        List<Recommendation> result = new ArrayList<>();
        boolean done = vacuumed != null && vacuumed.outcome() == VacuumResult.Outcome.VACUUMED;
        String notDone = vacuumed == null ? "" : "; not vacuumed in this run: "
                + vacuumed.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (vacuumed.message().isEmpty() ? "" : " (" + vacuumed.message() + ")");
        if (!done && table.xidAge() >= s.freezeAge()) {
            result.add(new Recommendation("vacuum freeze", "transaction-id age " + table.xidAge() + notDone));
        } else if (!done && VacuumCandidates.needsVacuum(table, s)) {
            result.add(new Recommendation("vacuum", table.deadTuples() + " dead tuples ("
                    + percent(table.deadPercent()) + ")" + notDone));
        }
        if (!done && table.liveTuples() > 0 && table.neverAnalyzed()) {
            result.add(new Recommendation("analyze", "never analyzed: the planner guesses its row counts"));
        } else if (!done && table.reltuples() > 0
                && table.modifiedSinceAnalyze() > table.reltuples() * s.analyzeModifiedPercent() / 100.0) {
            result.add(new Recommendation("analyze", table.modifiedSinceAnalyze() + " rows changed since the last ANALYZE"));
        }
        double wastedPercent = measured != null ? measured.bloatPercent() : bloat.reliable() ? bloat.percent() : 0;
        long wastedBytes = measured != null ? (long) (measured.tableBytes() * measured.bloatPercent() / 100) : bloat.bytes();
        if (wastedPercent >= s.repackBloatPercent() && wastedBytes >= s.repackMinBytes().toBytes()) {
            result.add(new Recommendation("repack", (measured != null ? "measured " : "estimated ")
                    + Formats.bytes(wastedBytes) + " (" + percent(wastedPercent) + ") wasted; VACUUM only makes it"
                    + " reusable: pg_repack, or maintain --vacuum-full " + table.qualifiedName() + " in a quiet hour"));
        }
        for (IndexHealth index : indexes) {
            BloatEstimate ib = index.bloat();
            if (ib != null && ib.reliable() && ib.percent() >= s.repackBloatPercent() && ib.bytes() >= s.repackMinBytes().toBytes()) {
                result.add(new Recommendation("reindex concurrently", "REINDEX INDEX CONCURRENTLY "
                        + index.schema() + "." + index.name() + ": estimated " + Formats.bytes(ib.bytes())
                        + " (" + percent(ib.percent()) + ") bloat"));
            }
        }
        return result;
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }
}
