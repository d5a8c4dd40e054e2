package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One environment: a PostgreSQL server and the logical databases on it.
 *
 * @param host                 server host name
 * @param port                 server port
 * @param username             user Nightshift connects as
 * @param password             its password; use a placeholder such as {@code ${PROD_PGPASSWORD}}
 * @param sslmode              libpq sslmode for connections (disable, prefer, require, verify-full, ...)
 * @param protectedEnvironment {@code protected: true} makes every write into this environment need
 *                             {@code --confirm-production}
 * @param data                 {@code production} when the server may hold unmasked production data, {@code masked}
 *                             when it must not; default: production for a protected environment, else masked
 * @param databases            logical database name (auth, user, ...) to the database's name on this server
 * @param seeds                which seed data class this environment gets besides the essential seeds:
 *                             development, staging, production or none; empty means the environment's name when
 *                             it is one of those (dev and prod stand for development and production), else none
 */
public record EnvironmentProperties(
        String host,
        @DefaultValue("5432") int port,
        String username,
        String password,
        @DefaultValue("prefer") String sslmode,
        @Name("protected") @DefaultValue("false") boolean protectedEnvironment,
        DataClass data,
        Map<String, String> databases,
        String seeds) {

    public EnvironmentProperties {
        data = data != null ? data : protectedEnvironment ? DataClass.PRODUCTION : DataClass.MASKED;
        databases = databases == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(databases));
    }

    @Override
    public String toString() {
        // never let a password reach a log line through toString()
        return "EnvironmentProperties[host=" + host + ", port=" + port + ", username=" + username
                + ", protected=" + protectedEnvironment + ", data=" + data + ", databases=" + databases + ", seeds=" + seeds
                + "]";
    }
}
