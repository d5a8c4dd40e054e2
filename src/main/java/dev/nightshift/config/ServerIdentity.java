package dev.nightshift.config;

import dev.nightshift.postgres.PgTarget;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Which PostgreSQL server an environment's entry reaches: its host and port as configured, and the server's
 * {@code system_identifier} (set by initdb, shared by a primary and its physical replicas) when it could be
 * read. Two entries reach the same server when either matches: another spelling of the host does not hide
 * a server, and neither does a second address of the same machine.
 *
 * @param systemIdentifier null when the server could not be asked (no credentials here, unreachable)
 */
record ServerIdentity(String host, int port, String systemIdentifier) {

    static ServerIdentity of(PgTarget server) {
        return new ServerIdentity(server.host().toLowerCase(Locale.ROOT), server.port(), systemIdentifier(server));
    }

    static ServerIdentity unasked(String host, int port) {
        return new ServerIdentity(host == null ? "" : host.toLowerCase(Locale.ROOT), port, null);
    }

    boolean sameServerAs(ServerIdentity other) {
        boolean sameAddress = host.equals(other.host) && port == other.port;
        boolean sameSystem = systemIdentifier != null && systemIdentifier.equals(other.systemIdentifier);
        return sameAddress || sameSystem;
    }

    String describe() {
        return host + ":" + port + (systemIdentifier == null ? "" : " (system identifier " + systemIdentifier + ")");
    }

    private static String systemIdentifier(PgTarget server) {
        try (Connection c = server.connectBounded(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT system_identifier::text FROM pg_control_system()")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
