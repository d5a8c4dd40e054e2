package dev.nightshift.sync.leak;

import dev.nightshift.sync.SyncReport;
import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.snapshot.LeakTally;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.snapshot.SpooledTable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The leak check's findings per table (parts added up), as report lines: names and counts, never values. */
public final class LeakFindings {

    private LeakFindings() {
    }

    static Map<String, LeakTally> byTable(List<SpooledTable> parts) {
        Map<String, LeakTally> tables = new LinkedHashMap<>();
        for (SpooledTable part : parts) {
            tables.computeIfAbsent(part.qualifiedName(), n -> new LeakTally()).addAll(LeakTally.decode(part.leaks()));
        }
        return tables;
    }

    /** "what (n values)" for each finding. */
    public static List<String> lines(LeakTally tally) {
        List<String> lines = new ArrayList<>();
        tally.counts().forEach((what, count) -> lines.add(what + " (" + count + (count == 1 ? " value)" : " values)")));
        return lines;
    }

    public static String failure(String line, Path rulesFile) {
        return line + "; no original may reach the copy: mask that column (or the one it is copied from) in " + rulesFile;
    }

    public static List<String> failures(List<SpooledTable> parts, Path rulesFile) {
        List<String> failures = new ArrayList<>();
        byTable(parts).values().forEach(tally -> lines(tally).forEach(line -> failures.add(failure(line, rulesFile))));
        return failures;
    }

    /** The run report of a sync that the leak check stopped before anything was loaded. */
    public static SyncReport report(SyncRun run, SpoolManifest manifest, List<String> failures) {
        List<SyncReport.TableResult> tables = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> checked = new LinkedHashMap<>();
        for (SpooledTable part : manifest.tables()) {
            rows.merge(part.qualifiedName(), part.rows(), Long::sum);
            checked.merge(part.qualifiedName(), part.valuesChecked(), Long::sum);
        }
        byTable(manifest.tables()).forEach((table, tally) -> tables.add(new SyncReport.TableResult(table,
                rows.get(table), 0, List.of(), checked.get(table), lines(tally), tally.isEmpty())));
        return new SyncReport(run.from(), run.to(), run.database(), manifest.source(), run.executionId(), Instant.now(),
                false, tables, failures, List.of("nothing was loaded: the leak check runs before the rows leave the"
                + " production side"), List.of(), List.of());
    }
}
