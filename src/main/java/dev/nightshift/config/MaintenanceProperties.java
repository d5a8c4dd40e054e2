package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The nightly maintenance: which tables get a VACUUM, for how long, what the report measures and which
 * findings make the run fail so that someone is alerted.
 *
 * @param reportDirectory      where the HTML, Markdown and JSON reports go ({@code <env>/<logical-db>/} below it);
 *                             {@code maintain --report-dir} overrides it
 * @param window               how long after the run starts the VACUUM runner may start another table
 * @param windowEnd            a wall-clock time at which the window ends even earlier (for example 05:30), in
 *                             {@code time-zone}; empty means only {@code window} counts
 * @param timeZone             the zone of {@code window-end}
 * @param lockTimeout          lock_timeout of every VACUUM and of the report's queries: a table another session
 *                             holds is skipped, not waited on
 * @param vacuumDeadPercent    a table is vacuumed when at least this percentage of its tuples is dead ...
 * @param vacuumMinDeadTuples  ... and it has at least this many dead tuples
 * @param freezeAge            a table whose oldest unfrozen transaction id is this old is vacuumed with FREEZE,
 *                             before every dead-tuple candidate
 * @param analyzeModifiedPercent a table with this percentage of rows changed since its last ANALYZE is
 *                             recommended for ANALYZE
 * @param repackBloatPercent   a table (or index) whose reliable bloat estimate is at least this percentage ...
 * @param repackMinBytes       ... and this many bytes is recommended for a repack (or a REINDEX CONCURRENTLY)
 * @param measureMaxBytes      tables up to this size are measured with pgstattuple beside the estimate (when the
 *                             extension is installed); pgstattuple reads the whole table
 * @param longQuery            a query running longer than this is listed as long-running
 * @param slowQueries          how many statements of pg_stat_statements the report lists
 * @param alertXidAge          the run exits 1 when a table's transaction-id age reaches this (wraparound risk;
 *                             PostgreSQL stops accepting writes near 2^31); 0 turns it off
 * @param alertConnectionsPercent the run exits 1 when connections reach this percentage of max_connections; 0 = off
 * @param alertOnFailedVacuum  the run exits 1 when a VACUUM failed (a skipped or not-started table does not count)
 * @param alertInvalidIndexes  the run exits 1 when an index is invalid (a failed CREATE INDEX CONCURRENTLY)
 */
public record MaintenanceProperties(
        @DefaultValue("/var/lib/nightshift/reports") Path reportDirectory,
        @DefaultValue("2h") Duration window,
        LocalTime windowEnd,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("5s") Duration lockTimeout,
        @DefaultValue("10") double vacuumDeadPercent,
        @DefaultValue("1000") long vacuumMinDeadTuples,
        @DefaultValue("150000000") long freezeAge,
        @DefaultValue("10") double analyzeModifiedPercent,
        @DefaultValue("30") double repackBloatPercent,
        @DefaultValue("10MB") DataSize repackMinBytes,
        @DefaultValue("1GB") DataSize measureMaxBytes,
        @DefaultValue("5m") Duration longQuery,
        @DefaultValue("10") int slowQueries,
        @DefaultValue("1000000000") long alertXidAge,
        @DefaultValue("90") double alertConnectionsPercent,
        @DefaultValue("true") boolean alertOnFailedVacuum,
        @DefaultValue("true") boolean alertInvalidIndexes) {
}
