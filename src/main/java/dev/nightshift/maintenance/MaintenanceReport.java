package dev.nightshift.maintenance;

import java.util.List;

/**
 * The whole report of one run on one database, as JSON gets it and as the templates render it.
 *
 * @param vacuum  what the VACUUM runner did, table by table (empty with --report-only)
 * @param alerts  the configured conditions that were met: each makes the run exit 1
 */
record MaintenanceReport(String environment, String logicalDatabase, String database, String serverVersion,
                         String collectedAt, boolean reportOnly, String windowEnd, long databaseBytes,
                         Long databaseChangeSinceLastRun, Long databaseGrowth30Days, String previousRunAt,
                         List<TableReport> tables, List<VacuumResult> vacuum, List<IndexReport> indexBloat,
                         IndexFindings indexFindings, boolean pgstattupleInstalled, ServerActivity activity,
                         List<String> alerts) {

    /** A btree index with its bloat estimate. */
    record IndexReport(String table, String name, long bytes, long scans, long bloatBytes, double bloatPercent,
                       boolean bloatReliable, List<String> bloatUnreliableBecause) {
    }
}
