package dev.nightshift.migration;

import dev.nightshift.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Another client of the test database holding a transaction open (with whatever locks its SQL takes) until closed. */
final class BlockingSession implements AutoCloseable {

    private final Connection connection;

    private BlockingSession(Connection connection) {
        this.connection = connection;
    }

    static BlockingSession open(String database, String sql) {
        try {
            Connection connection = TestPostgres.get().connect(database);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return new BlockingSession(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the transaction after {@code millis}, from another thread. */
    BlockingSession releaseAfter(long millis) {
        return releaseLater(() -> Thread.sleep(millis));
    }

    /** Ends the transaction {@code millis} after another session of {@code database} was first seen waiting for a lock. */
    BlockingSession releaseAfterSomeoneWaited(String database, long millis) {
        return releaseLater(() -> {
            while (TestPostgres.get().queryLong(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND wait_event_type = 'Lock'") == 0) {
                Thread.sleep(20);
            }
            Thread.sleep(millis);
        });
    }

    /** Ends the transaction {@code millis} after a data migration run was recorded as started in {@code opsDatabase}. */
    BlockingSession releaseAfterRunStarted(String opsDatabase, long millis) {
        return releaseLater(() -> {
            while (runsStarted(opsDatabase) == 0) {
                Thread.sleep(50);
            }
            Thread.sleep(millis);
        });
    }

    private static long runsStarted(String opsDatabase) {
        try {
            return TestPostgres.get().queryLong(opsDatabase, "SELECT count(*) FROM nightshift.data_migration_history");
        } catch (IllegalStateException e) {
            return 0; // no ops schema yet
        }
    }

    private interface Wait {
        void run() throws InterruptedException;
    }

    private BlockingSession releaseLater(Wait wait) {
        Thread release = new Thread(() -> {
            try {
                wait.run();
                close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "release-blocking-session");
        release.setDaemon(true);
        release.start();
        return this;
    }

    @Override
    public synchronized void close() {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
