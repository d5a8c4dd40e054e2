package dev.nightshift.postgres;

import dev.nightshift.config.ConnectionProperties;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One database on one server of one environment, with what it takes to connect to it. The password only
 * leaves this class as a connection property or a child process's PGPASSWORD; {@link #toString()} and
 * {@link #describe()} never show it.
 */
public record PgTarget(String environment, String logicalName, String database, String host, int port,
                       String username, String password, String sslmode, boolean protectedEnvironment,
                       ConnectionProperties connections) {

    public PgTarget {
        connections = connections == null ? ConnectionProperties.DEFAULTS : connections;
    }

    /** A target with the default connection limits. */
    public PgTarget(String environment, String logicalName, String database, String host, int port, String username,
                    String password, String sslmode, boolean protectedEnvironment) {
        this(environment, logicalName, database, host, port, username, password, sslmode, protectedEnvironment, null);
    }

    /** {@code prod/auth (girok_user on prod-db:5432)} */
    public String describe() {
        return environment + "/" + logicalName + " (" + database + " on " + host + ":" + port + ")";
    }

    /** The same server and credentials, another database (for CREATE/DROP DATABASE through "postgres"). */
    public PgTarget withDatabase(String otherDatabase) {
        return new PgTarget(environment, logicalName, otherDatabase, host, port, username, password, sslmode,
                protectedEnvironment, connections);
    }

    /** The same database name and credentials on another server (a database entry of the form host:port/name). */
    public PgTarget onServer(String otherHost, int otherPort) {
        return new PgTarget(environment, logicalName, database, otherHost, otherPort, username, password, sslmode,
                protectedEnvironment, connections);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * A connection for work that may wait long legitimately (VACUUM, COPY, a held snapshot, lock waits): no read
     * timeout, but keepalives on both ends, so a lost peer still ends it (see {@link ConnectionProperties}).
     */
    public Connection connect() throws SQLException {
        return connect(Duration.ZERO);
    }

    /** A connection for short queries only: a read that gets no answer within the socket timeout fails. */
    public Connection connectBounded() throws SQLException {
        return connect(connections.socketTimeout());
    }

    /** A connection whose reads fail after {@code readTimeout} without an answer (zero: never). */
    public Connection connect(Duration readTimeout) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("sslmode", sslmode == null ? "prefer" : sslmode);
        props.setProperty("ApplicationName", "nightshift");
        props.setProperty("connectTimeout", Long.toString(connections.connectTimeout().toSeconds()));
        // the whole login, not only the TCP connect: a peer that accepts and then says nothing must not hang it
        props.setProperty("loginTimeout", Long.toString(connections.connectTimeout().toSeconds()));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("socketTimeout", Long.toString(Math.max(readTimeout.toSeconds(), readTimeout.isZero() ? 0 : 1)));
        if (connections.serverOptions() != null) {
            props.setProperty("options", connections.serverOptions());
        }
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** libpq variables for pg_dump and pg_restore: credentials travel in the environment, not the command line. */
    public Map<String, String> libpqEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", Integer.toString(port));
        env.put("PGUSER", username);
        env.put("PGDATABASE", database);
        env.put("PGSSLMODE", sslmode == null ? "prefer" : sslmode);
        env.put("PGAPPNAME", "nightshift");
        env.put("PGCONNECT_TIMEOUT", Long.toString(connections.connectTimeout().toSeconds()));
        if (connections.serverOptions() != null) {
            env.put("PGOPTIONS", connections.serverOptions());
        }
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    /**
     * A connection string for pg_dump's and pg_restore's {@code --dbname}: the database and libpq's keepalive and
     * user-timeout keywords (none of them secret; host, user and password stay in the environment).
     */
    public String libpqConnectionString() {
        return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "' " + connections.libpqKeywords();
    }

    @Override
    public String toString() {
        return "PgTarget[" + describe() + ", user=" + username + "]";
    }
}
