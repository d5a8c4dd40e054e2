package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;
import dev.nightshift.postgres.PgTarget;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Puts the health readings, the VACUUM results and the history together into one report. */
final class ReportAssembler {

    private ReportAssembler() {
    }

    record Inputs(PgTarget target, DatabaseHealth health, List<VacuumResult> vacuum, boolean reportOnly,
                  Instant windowEnd, Instant collectedAt, Optional<MaintenanceHistory.Baseline> previous,
                  Optional<MaintenanceHistory.Baseline> monthAgo) {
    }

    static MaintenanceReport assemble(Inputs in, MaintenanceProperties settings) {
        DatabaseHealth health = in.health();
        Map<String, VacuumResult> vacuumed = in.vacuum().stream()
                .collect(Collectors.toMap(VacuumResult::qualifiedName, Function.identity(), (a, b) -> b));
        Map<Long, List<IndexHealth>> indexesByTable = health.indexes().stream()
                .collect(Collectors.groupingBy(IndexHealth::tableOid));
        List<TableReport> tables = health.tables().stream().map(t -> table(t, health,
                        indexesByTable.getOrDefault(t.oid(), List.of()), vacuumed.get(t.qualifiedName()), in, settings))
                .sorted(Comparator.comparingLong(TableReport::totalBytes).reversed()
                        .thenComparing(TableReport::qualifiedName))
                .toList();
        List<MaintenanceReport.IndexReport> indexBloat = health.indexes().stream().filter(i -> i.bloat() != null)
                .map(i -> new MaintenanceReport.IndexReport(i.qualifiedTable(), i.name(), i.bytes(), i.scans(),
                        i.bloat().bytes(), i.bloat().percent(), i.bloat().reliable(), i.bloat().reasons()))
                .sorted(Comparator.comparingLong(MaintenanceReport.IndexReport::bloatBytes).reversed())
                .toList();
        long dbBytes = health.databaseBytes();
        return new MaintenanceReport(in.target().environment(), in.target().logicalName(), in.target().database(),
                health.serverVersion(), in.collectedAt().toString(), in.reportOnly(),
                in.reportOnly() ? null : in.windowEnd().toString(), dbBytes,
                in.previous().map(b -> dbBytes - b.databaseBytes()).orElse(null),
                in.monthAgo().map(b -> dbBytes - b.databaseBytes()).orElse(null),
                in.previous().map(b -> b.collectedAt().toString()).orElse(null),
                tables, in.vacuum(), indexBloat, health.indexFindings(), health.pgstattupleInstalled(),
                health.activity(), Alerts.of(health, in.vacuum(), settings));
    }

    private static TableReport table(TableHealth t, DatabaseHealth health, List<IndexHealth> indexes,
                                     VacuumResult vacuumed, Inputs in, MaintenanceProperties settings) {
        BloatEstimate bloat = health.tableBloat().get(t.oid());
        Pgstattuple.Measured measured = health.measured().get(t.oid());
        String name = t.qualifiedName();
        Long change = in.previous().map(b -> b.tableBytes().get(name)).map(before -> t.totalBytes() - before).orElse(null);
        Long growth = in.monthAgo().map(b -> b.tableBytes().get(name)).map(before -> t.totalBytes() - before).orElse(null);
        return new TableReport(t.schema(), t.name(), t.locked(), t.heapBytes(), t.indexBytes(), t.toastBytes(),
                t.totalBytes(), t.liveTuples(), t.deadTuples(), t.deadPercent(), t.lastVacuum(), t.lastAutovacuum(),
                t.lastAnalyze(), t.lastAutoanalyze(), t.xidAge(), bloat.bytes(), bloat.percent(), bloat.reliable(),
                bloat.reasons(), measured == null ? null : measured.bloatPercent(),
                measured == null ? null : measured.deadPercent(), measured == null ? null : measured.freePercent(),
                change, growth, Recommendations.forTable(t, bloat, measured, indexes, vacuumed, settings));
    }
}
