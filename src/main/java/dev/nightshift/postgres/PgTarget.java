package dev.nightshift.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One database on one server of one environment, with what it takes to connect to it. The password only
 * leaves this class as a connection property or a child process's PGPASSWORD; {@link #toString()} and
 * {@link #describe()} never show it.
 */
public record PgTarget(String environment, String logicalName, String database, String host, int port,
                       String username, String password, String sslmode, boolean protectedEnvironment) {

    /** {@code prod/auth (girok_user on prod-db:5432)} */
    public String describe() {
        return environment + "/" + logicalName + " (" + database + " on " + host + ":" + port + ")";
    }

    /** The same server and credentials, another database (for CREATE/DROP DATABASE through "postgres"). */
    public PgTarget withDatabase(String otherDatabase) {
        return new PgTarget(environment, logicalName, otherDatabase, host, port, username, password, sslmode,
                protectedEnvironment);
    }

    /** The same database name and credentials on another server (a database entry of the form host:port/name). */
    public PgTarget onServer(String otherHost, int otherPort) {
        return new PgTarget(environment, logicalName, database, otherHost, otherPort, username, password, sslmode,
                protectedEnvironment);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("sslmode", sslmode == null ? "prefer" : sslmode);
        props.setProperty("ApplicationName", "nightshift");
        props.setProperty("connectTimeout", "10");
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
        env.put("PGCONNECT_TIMEOUT", "10");
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    @Override
    public String toString() {
        return "PgTarget[" + describe() + ", user=" + username + "]";
    }
}
