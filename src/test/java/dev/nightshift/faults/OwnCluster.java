package dev.nightshift.faults;

import dev.nightshift.postgres.LocalCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A throwaway server of one case's own, for faults that hit a whole server (a restart), not one connection. */
final class OwnCluster implements AutoCloseable {

    private final LocalCluster cluster;
    private final AtomicInteger restarts = new AtomicInteger();

    private OwnCluster(LocalCluster cluster) {
        this.cluster = cluster;
    }

    static OwnCluster start() {
        try {
            // the fixture's environments connect as the test server's superuser name; use the same one here
            String superuser = dev.nightshift.testsupport.TestPostgres.get().user();
            return new OwnCluster(LocalCluster.start(Files.createTempDirectory("nightshift-fault-pg"), superuser,
                    "pw-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LocalCluster cluster() {
        return cluster;
    }

    /** A database with an {@code item} table of {@code rows} rows, as the backup cases use. */
    String createSourceDatabase(int rows) throws SQLException {
        execute("postgres", "CREATE DATABASE fault_src");
        execute("fault_src", "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, " + rows + ") g");
        return "fault_src";
    }

    void restart() {
        try {
            cluster.restartFast();
            restarts.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int restarts() {
        return restarts.get();
    }

    private void execute(String database, String sql) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", cluster.superuser());
        props.setProperty("password", cluster.password());
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(database), props); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        cluster.stop(true);
    }
}
