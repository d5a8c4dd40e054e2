package dev.nightshift.migration.schema;

import dev.nightshift.postgres.PgTarget;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies a migration's statements the way Flyway would (in one transaction, or each on its own when one of
 * them cannot run in a transaction) and measures each: its duration, the table locks it added (read from
 * pg_locks for the own backend before the commit, or polled from a second connection when there is no
 * transaction to look into) and the tables it rewrote.
 */
final class StatementProbe {

    private record Measured(String sql, long millis, Map<String, LockMode> locks, List<String> rewritten) {
    }

    private StatementProbe() {
    }

    static List<StatementResult> apply(PgTarget database, List<String> statements, Duration threshold) throws SQLException {
        List<Measured> measured = new ArrayList<>();
        long commitMillis = 0;
        boolean transactional = !SqlStatements.anyNonTransactional(statements);
        try (Connection c = database.connect()) {
            int pid = TableLocks.pid(c);
            if (transactional) {
                c.setAutoCommit(false);
                Map<String, LockMode> held = TableLocks.held(c, pid);
                for (String sql : statements) {
                    Map<String, Long> files = TableLocks.files(c);
                    long millis = timed(c, sql);
                    Map<String, LockMode> now = TableLocks.held(c, pid);
                    measured.add(new Measured(sql, millis, added(held, now), rewritten(files, TableLocks.files(c))));
                    held = now;
                }
                long start = System.nanoTime();
                c.commit();
                commitMillis = (System.nanoTime() - start) / 1_000_000;
            } else {
                try (Connection watch = database.connect()) {
                    for (String sql : statements) {
                        Map<String, Long> files = TableLocks.files(c);
                        Map<String, LockMode> seen = new TreeMap<>();
                        long millis = watched(c, watch, pid, sql, seen);
                        measured.add(new Measured(sql, millis, seen, rewritten(files, TableLocks.files(c))));
                    }
                }
            }
        }
        return results(measured, transactional, commitMillis, threshold);
    }

    /** Writes to a table stay blocked from the statement that locked it until its transaction ends. */
    private static List<StatementResult> results(List<Measured> measured, boolean transactional, long commitMillis,
                                                 Duration threshold) {
        List<StatementResult> results = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            Measured m = measured.get(i);
            boolean blocksWrites = m.locks().values().stream().anyMatch(LockMode::blocksWrites);
            long until = m.millis();
            if (transactional) {
                until = commitMillis;
                for (int j = i; j < measured.size(); j++) {
                    until += measured.get(j).millis();
                }
            }
            long blocked = blocksWrites ? until : 0;
            boolean flagged = blocksWrites && blocked > threshold.toMillis();
            Map<String, String> locks = new TreeMap<>();
            m.locks().forEach((table, mode) -> locks.put(table, mode.sql()));
            results.add(new StatementResult(m.sql(), m.millis(), locks, m.rewritten(), blocked, flagged,
                    flagged ? SaferForms.forStatement(SqlStatements.normalized(m.sql())) : null));
        }
        return results;
    }

    private static long timed(Connection c, String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Runs {@code sql} on {@code c} in autocommit while {@code watch} polls its locks into {@code seen}. */
    private static long watched(Connection c, Connection watch, int pid, String sql, Map<String, LockMode> seen)
            throws SQLException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<SQLException> failures = new ArrayList<>();
        Thread poller = new Thread(() -> {
            try {
                while (running.get()) {
                    TableLocks.held(watch, pid).forEach((table, mode) -> seen.merge(table, mode, LockMode::stronger));
                    Thread.sleep(2);
                }
            } catch (SQLException e) {
                failures.add(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rehearse-lock-watch");
        poller.start();
        try {
            return timed(c, sql);
        } finally {
            running.set(false);
            try {
                poller.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        }
    }

    private static Map<String, LockMode> added(Map<String, LockMode> before, Map<String, LockMode> after) {
        Map<String, LockMode> added = new TreeMap<>();
        after.forEach((table, mode) -> {
            LockMode old = before.get(table);
            if (old == null || mode.compareTo(old) > 0) {
                added.put(table, mode);
            }
        });
        return added;
    }

    private static List<String> rewritten(Map<String, Long> before, Map<String, Long> after) {
        return before.entrySet().stream().filter(e -> after.containsKey(e.getKey()) && !after.get(e.getKey()).equals(e.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
    }
}
