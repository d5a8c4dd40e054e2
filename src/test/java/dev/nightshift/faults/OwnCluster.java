package dev.nightshift.faults;

import dev.nightshift.postgres.LocalCluster;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway server for the faults that hit a whole server (a restart), not one connection; started once per
 * test JVM and shared by those cases (each uses databases of its own), stopped when the JVM ends.
 */
final class OwnCluster {

    private static volatile OwnCluster shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final LocalCluster cluster;
    private final AtomicInteger restarts = new AtomicInteger();

    private OwnCluster(LocalCluster cluster) {
        this.cluster = cluster;
    }

    static OwnCluster shared() {
        if (shared == null) {
            synchronized (OwnCluster.class) {
                if (shared == null) {
                    try {
                        // the fixture's environments connect as the test server's superuser name; use the same one
                        LocalCluster started = LocalCluster.start(Files.createTempDirectory("nightshift-fault-pg"),
                                TestPostgres.get().user(), "pw-" + UUID.randomUUID());
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(true), "stop-fault-cluster"));
                        shared = new OwnCluster(started);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return shared;
    }

    LocalCluster cluster() {
        return cluster;
    }

    /** A new database with an {@code item} table of {@code rows} rows (0: an empty database). */
    String createDatabase(String prefix, int rows) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        if (rows > 0) {
            execute(name, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                    + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, " + rows + ") g");
        }
        return name;
    }

    /** An environment whose database {@code logical} is {@code database} on this server. */
    Environment environment(String logical, String database) {
        return new Environment().database(logical, database).host(cluster.host()).port(cluster.port())
                .password(cluster.password());
    }

    /**
     * Moves the fixture's ops database to a new, empty database on this server (Nightshift creates its tables),
     * so that restarting this server restarts the ops database; returns the new database's name.
     */
    String holdOpsOf(NightshiftFixture nightshift) {
        String ops = createDatabase("fault_ops", 0);
        try {
            java.nio.file.Path config = nightshift.config();
            Files.writeString(config, Files.readString(config).replaceFirst("ops-database: \\{[^\n]*}",
                    "ops-database: {url: \"" + cluster.jdbcUrl(ops) + "\", username: " + cluster.superuser()
                            + ", password: \"" + cluster.password() + "\"}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ops;
    }

    /** A count query on {@code database} of this server. */
    java.util.function.ToLongFunction<String> counts(String database) {
        return sql -> queryLong(database, sql);
    }

    /** {@code pg_ctl restart -m fast}: sessions are terminated, the server is back when this returns. */
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

    void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long queryLong(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", cluster.superuser());
        props.setProperty("password", cluster.password());
        return DriverManager.getConnection(cluster.jdbcUrl(database), props);
    }
}
