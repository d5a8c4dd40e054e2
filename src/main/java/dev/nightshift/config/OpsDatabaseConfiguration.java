package dev.nightshift.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The ops database's connection pool, built from {@code nightshift.ops-database}, so that users configure
 * one prefix and never Spring's own datasource properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NightshiftProperties.class)
class OpsDatabaseConfiguration {

    /**
     * Everything else may start lazily, but the ops schema is migrated at start-up: a command must never
     * query tables an older Nightshift has not created yet, and an unreachable ops database should fail
     * the start, where it is reported as a configuration error.
     */
    @Bean
    static LazyInitializationExcludeFilter migrateOpsSchemaEagerly() {
        return LazyInitializationExcludeFilter.forBeanTypes(FlywayMigrationInitializer.class);
    }

    @Bean
    DataSource opsDataSource(NightshiftProperties properties) {
        OpsDatabaseProperties ops = properties.opsDatabase();
        if (ops.url() == null || ops.url().isBlank()) {
            throw new ConfigurationException("nightshift.ops-database.url is not set; set it (or NIGHTSHIFT_OPS_URL)"
                    + " to the JDBC URL of the database that keeps Nightshift's job history,"
                    + " for example jdbc:postgresql://ops-db:5432/nightshift");
        }
        if (!ops.url().startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException("nightshift.ops-database.url must be a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:port/database), was " + ops.url());
        }
        // Hikari hands out a connection used in the last 500 ms without checking it; after a network cut every
        // pooled connection is dead, and the job repository's next update would fail on one, leaving the run
        // looking STARTED. Checked on every borrow instead: one round trip, against a run that cannot record its end.
        // (A static of Hikari's pool, read when its class loads: set before the first pool of the process.)
        if (System.getProperty("com.zaxxer.hikari.aliveBypassWindowMs") == null) {
            System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0");
        }
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(ops.url());
        dataSource.setUsername(ops.username());
        dataSource.setPassword(ops.password());
        dataSource.setPoolName("nightshift-ops");
        dataSource.setMaximumPoolSize(10);
        // waiting for a pooled connection is bounded like opening one; checking one (every borrow, see above)
        // takes at most half of that, so a stalled ops database fails a borrow within connect-timeout
        long connectMillis = Math.max(1_000, properties.connections().connectTimeout().toMillis());
        dataSource.setConnectionTimeout(connectMillis);
        dataSource.setValidationTimeout(Math.max(250, connectMillis / 2));
        // fail at startup, with the real reason, rather than on the first query
        dataSource.setInitializationFailTimeout(1);
        dataSource.addDataSourceProperty("ApplicationName", "nightshift");
        // a lost ops database ends the job within these limits instead of hanging it: the ops database only
        // ever answers short queries (Nightshift's advisory locks are taken with pg_try_advisory_lock)
        ConnectionProperties connections = properties.connections();
        dataSource.addDataSourceProperty("tcpKeepAlive", "true");
        dataSource.addDataSourceProperty("connectTimeout", Long.toString(connections.connectTimeout().toSeconds()));
        dataSource.addDataSourceProperty("loginTimeout", Long.toString(connections.connectTimeout().toSeconds()));
        // whole seconds for the driver; a sub-second limit is one second, not off
        long socketSeconds = connections.socketTimeout().isZero() ? 0 : Math.max(1, connections.socketTimeout().toSeconds());
        dataSource.addDataSourceProperty("socketTimeout", Long.toString(socketSeconds));
        if (connections.serverOptions() != null) {
            dataSource.addDataSourceProperty("options", connections.serverOptions());
        }
        return dataSource;
    }
}
