package dev.nightshift.postgres;

import dev.nightshift.config.ConnectionProperties;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The nightshift.connections limits reach the server's end of a connection and the client's read timeout. */
class ConnectionLimitsTest {

    final TestPostgres pg = TestPostgres.get();
    final ConnectionProperties limits = new ConnectionProperties(Duration.ofSeconds(7), Duration.ofSeconds(42),
            Duration.ofSeconds(17), Duration.ofSeconds(3), 4, Duration.ofSeconds(45), true, Duration.ofMinutes(15));
    final PgTarget target = new PgTarget("dev", "app", "postgres", pg.host(), pg.port(), pg.user(), pg.password(),
            null, false, limits);

    @Test
    void theServerEndGetsTheKeepalivesAndTheUserTimeout() throws Exception {
        try (Connection c = target.connect()) {
            assertThat(setting(c, "tcp_keepalives_idle")).isEqualTo("17");
            assertThat(setting(c, "tcp_keepalives_interval")).isEqualTo("3");
            assertThat(setting(c, "tcp_keepalives_count")).isEqualTo("4");
            assertThat(setting(c, "tcp_user_timeout")).isEqualTo("45000");
        }
    }

    @Test
    void onlyBoundedConnectionsGetTheReadTimeout() throws Exception {
        try (Connection longWork = target.connect(); Connection shortQueries = target.connectBounded()) {
            assertThat(longWork.getNetworkTimeout()).as("VACUUM, COPY, lock waits: no read timeout").isZero();
            assertThat(shortQueries.getNetworkTimeout()).isEqualTo(42_000);
        }
    }

    @Test
    void serverSideOffSendsNoOptions() throws Exception {
        ConnectionProperties clientOnly = new ConnectionProperties(Duration.ofSeconds(7), Duration.ofSeconds(42),
                Duration.ofSeconds(17), Duration.ofSeconds(3), 4, Duration.ofSeconds(45), false, Duration.ofMinutes(15));
        PgTarget throughPooler = new PgTarget("dev", "app", "postgres", pg.host(), pg.port(), pg.user(), pg.password(),
                null, false, clientOnly);
        try (Connection c = throughPooler.connect()) {
            assertThat(setting(c, "tcp_user_timeout")).isEqualTo("0");
        }
        assertThat(throughPooler.libpqEnvironment()).doesNotContainKey("PGOPTIONS");
        assertThat(throughPooler.libpqConnectionString()).contains("tcp_user_timeout=45000").contains("keepalives_idle=17");
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT setting FROM pg_settings WHERE name = '" + name + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
