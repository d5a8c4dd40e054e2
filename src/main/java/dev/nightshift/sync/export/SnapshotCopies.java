package dev.nightshift.sync.export;

import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import dev.nightshift.postgres.StopSignal;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs COPYs out of one exported source snapshot on {@code threads} connections of their own, each in a
 * repeatable-read transaction that imports the snapshot, so every COPY sees the same data. A stop request, or
 * a failure {@link Watch} reports, cancels the COPYs under way.
 */
final class SnapshotCopies {

    /** One COPY on a connection already in the snapshot. */
    @FunctionalInterface
    interface Copy<T> {
        T run(Connection c) throws IOException, SQLException;
    }

    /** Work done on the calling thread while the pool copies. */
    @FunctionalInterface
    interface Alongside {
        void run() throws IOException, SQLException;
    }

    /** Polled while the COPYs run: throws to abandon them (something they feed has failed). */
    @FunctionalInterface
    interface Watch {
        Watch NONE = () -> {
        };

        void check() throws IOException;
    }

    private final PgTarget source;
    private final String snapshot;
    private final int threads;
    private final StopSignal stop;

    /** @param snapshot an id from pg_export_snapshot(), checked against its format by the caller */
    SnapshotCopies(PgTarget source, String snapshot, int threads, StopSignal stop) {
        this.source = source;
        this.snapshot = snapshot;
        this.threads = Math.max(1, threads);
        this.stop = stop;
    }

    /** The copies' results in the order given. */
    <T> List<T> run(List<Copy<T>> copies, Alongside alongside, Watch watch)
            throws IOException, SQLException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Copy<T> copy : copies) {
                running.add(pool.submit(() -> inSnapshot(copy, open)));
            }
            alongside.run();
            List<T> results = new ArrayList<>();
            for (Future<T> copy : running) {
                results.add(await(copy, open, watch));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private <T> T inSnapshot(Copy<T> copy, Set<Connection> open) throws IOException, SQLException {
        try (Connection c = source.connect()) {
            open.add(c);
            try {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    // SET takes no parameters; the id's format was checked when it was exported
                    s.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
                }
                StallWatch stall = StallWatch.onConnection(source, c, "reading " + source.describe());
                try (stall) {
                    T result = copy.run(c);
                    c.rollback();
                    return result;
                } catch (SQLException e) {
                    throw stall.sqlFailure(e);
                } catch (IOException e) {
                    throw stall.ioFailure(e);
                }
            } finally {
                open.remove(c);
            }
        }
    }

    private <T> T await(Future<T> copy, Set<Connection> open, Watch watch) throws IOException, InterruptedException {
        while (true) {
            try {
                return copy.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (stop.stopRequested()) {
                    cancelAll(open);
                    throw new InterruptedException("stop requested while reading the source");
                }
                try {
                    watch.check();
                } catch (IOException failed) {
                    cancelAll(open);
                    throw failed;
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("reading the source failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private static void cancelAll(Set<Connection> open) {
        for (Connection c : open) {
            try {
                c.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // the connection is going away anyway
            }
        }
    }
}
