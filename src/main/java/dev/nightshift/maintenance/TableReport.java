package dev.nightshift.maintenance;

import java.util.List;

/**
 * One table's line in the report: its numbers, the bloat estimate (and pgstattuple's measurement beside it
 * where available), the trend against earlier runs, and the recommendations.
 *
 * @param changeSinceLastRun bytes more (or fewer) than at the previous run; null on the first run
 * @param growth30Days       bytes more than at the oldest run of the last 30 days; null when there is none
 */
record TableReport(String schema, String name, boolean locked, long heapBytes, long indexBytes, long toastBytes,
                   long totalBytes, long liveTuples, long deadTuples, double deadPercent, String lastVacuum,
                   String lastAutovacuum, String lastAnalyze, String lastAutoanalyze, long xidAge,
                   long bloatBytes, double bloatPercent, boolean bloatReliable, List<String> bloatUnreliableBecause,
                   Double measuredBloatPercent, Double measuredDeadPercent, Double measuredFreePercent,
                   Long changeSinceLastRun, Long growth30Days, List<Recommendation> recommendations) {

    String qualifiedName() {
        return schema + "." + name;
    }
}
