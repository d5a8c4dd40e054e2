package dev.nightshift.testsupport;

import dev.nightshift.postgres.Identifiers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server every database test talks to, started once per test JVM: a container of the official
 * image when a Docker engine answers, otherwise a throwaway cluster from the local installation (the only
 * way on machines without Docker; see {@link TestServerSource}). Either has its own port and a random
 * superuser password, so the password-leak tests have something real to look for.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile TestPostgres instance;
    private static volatile TestPostgres withPgStatStatements;

    private final TestServer server;

    private TestPostgres(TestServer server) {
        this.server = server;
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
     * A second server, started on first use, with pg_stat_statements preloaded (it cannot be loaded into a
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

    /** A server started elsewhere in the harness (another PostgreSQL version, say), with the same helpers. */
    static TestPostgres wrap(TestServer server) {
        return new TestPostgres(server);
    }

    private static TestPostgres start(String... settings) {
        TestServer server = TestServer.start(TestServerSource.fromEnvironment(), "pw-" + UUID.randomUUID(), List.of(settings));
        Runtime.getRuntime().addShutdownHook(new Thread(server.stop(), "stop-test-postgres"));
        return new TestPostgres(server);
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public String user() {
        return server.superuser();
    }

    public String password() {
        return server.password();
    }

    public Path binDir() {
        return server.binDir();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Creates an empty database with a unique name that starts with {@code prefix}. */
    public String createDatabase(String prefix) {
        return createDatabase(prefix, "template1");
    }

    /** Creates a copy of {@code template} with a unique name that starts with {@code prefix}. */
    String createDatabase(String prefix, String template) {
        String name = prefix + "_" + DATABASES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        execute("postgres", "CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(template));
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
