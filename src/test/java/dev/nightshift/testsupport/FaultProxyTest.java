package dev.nightshift.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy the fault cases rely on breaks connections the way it says, and only when told to. */
class FaultProxyTest {

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy proxy = FaultProxy.toTestServer();

    @AfterEach
    void close() {
        proxy.close();
    }

    @Test
    void forwardsUntilCutThenAcceptsNewConnections() throws Exception {
        try (Connection c = connect(0)) {
            assertThat(select(c)).isEqualTo(1);
            proxy.cut();
            assertThatThrownBy(() -> select(c)).isInstanceOf(SQLException.class);
        }
        assertThat(proxy.cutConnections()).isEqualTo(1);
        try (Connection again = connect(0)) {
            assertThat(select(again)).isEqualTo(1);
        }
    }

    @Test
    void stallHoldsTheAnswerUntilResumed() throws Exception {
        try (Connection c = connect(1)) {
            proxy.stall();
            assertThatThrownBy(() -> select(c)).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        }
        proxy.resume();
        try (Connection again = connect(0)) {
            assertThat(select(again)).isEqualTo(1);
        }
    }

    @Test
    void cutsOnceTheArmedNumberOfServerBytesPassed() throws Exception {
        try (Connection c = connect(0)) {
            proxy.cutAfterServerBytes(100_000);
            assertThatThrownBy(() -> {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT repeat('x', 1000) FROM generate_series(1, 1000)").close();
                }
            }).isInstanceOf(SQLException.class);
        }
        assertThat(proxy.cutConnections()).isEqualTo(1);
        try (Connection again = connect(0)) {
            assertThat(select(again)).as("disarmed after the cut").isEqualTo(1);
        }
    }

    private Connection connect(int socketTimeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", pg.user());
        props.setProperty("password", pg.password());
        props.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        return DriverManager.getConnection(proxy.jdbcUrl("postgres"), props);
    }

    private static int select(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
