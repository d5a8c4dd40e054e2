package dev.nightshift.testsupport;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.postgres.LocalCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server every database test talks to: a throwaway cluster started once per test JVM from
 * the local installation (no Docker engine on these machines), with its own port and a random superuser
 * password, so the password-leak tests have something real to look for.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile TestPostgres instance;
    private static volatile TestPostgres withPgStatStatements;

    private final LocalCluster cluster;

    private TestPostgres(LocalCluster cluster) {
        this.cluster = cluster;
    }

    public static TestPostgres get() {
        if (instance == null) {
            synchronized (TestPostgres.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    /**
     * A second cluster, started on first use, with pg_stat_statements preloaded (it cannot be loaded into a
     * running server): for the tests that need its statistics. Same superuser name, its own port and password.
     */
    public static TestPostgres withPgStatStatements() {
        if (withPgStatStatements == null) {
            synchronized (TestPostgres.class) {
                if (withPgStatStatements == null) {
                    withPgStatStatements = start("shared_preload_libraries=pg_stat_statements");
                }
            }
        }
        return withPgStatStatements;
    }

    private static TestPostgres start(String... settings) {
        try {
            Path dataDir = Files.createTempDirectory("nightshift-test-pg");
            String password = "pw-" + UUID.randomUUID();
            LocalCluster cluster = LocalCluster.start(dataDir, "nightshift_test", password, java.util.List.of(settings));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.stop(true), "stop-test-postgres"));
            return new TestPostgres(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    public String host() {
        return cluster.host();
    }

    public int port() {
        return cluster.port();
    }

    public String user() {
        return cluster.superuser();
    }

    public String password() {
        return cluster.password();
    }

    public Path binDir() {
        return cluster.binDir();
    }

    public String jdbcUrl(String database) {
        return cluster.jdbcUrl(database);
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Creates an empty database with a unique name that starts with {@code prefix}. */
    public String createDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        execute("postgres", "CREATE DATABASE " + Identifiers.quote(name));
        return name;
    }

    public void dropDatabase(String name) {
        execute("postgres", "DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
    }

    /** The first column of the first row, as a long. */
    public long queryLong(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
