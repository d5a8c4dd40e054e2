package dev.nightshift.postgres;

import dev.nightshift.config.ConnectionProperties;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stall watch ends work whose server stopped answering while its TCP stack still does, and only that: a
 * server busy for longer than the limit (a sleep, a throttled VACUUM) is left alone.
 */
class StallWatchTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy proxy = FaultProxy.toTestServer();

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        proxy.close();
    }

    @Test
    void aServerBusyForLongerThanTheLimitIsNotAStall() throws Exception {
        // given a statement that keeps its server busy for twice the stall timeout, without a byte sent
        PgTarget server = target(pg.host(), pg.port());
        try (Connection c = server.connect(); Statement s = c.createStatement();
             StallWatch watch = StallWatch.onConnection(server, c, "a long statement")) {
            // when
            s.execute("SELECT pg_sleep(5)");

            // then
            assertThat(watch.stalled()).isFalse();
        }
    }

    @Test
    void aThrottledVacuumIsNotAStall() throws Exception {
        // given a VACUUM slowed down by its cost delay, working for longer than the limit
        String database = pg.createDatabase("stall_vacuum");
        try {
            pg.execute(database, "CREATE TABLE t (id int, pad text) WITH (autovacuum_enabled = off);"
                    + " INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 25000) g; DELETE FROM t WHERE id % 2 = 0");
            PgTarget server = target(pg.host(), pg.port()).withDatabase(database);
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                // each page costs at least one unit: a sleep of up to 20 ms per page, some 7 s for the table
                s.execute("SET vacuum_cost_delay = '5ms'");
                s.execute("SET vacuum_cost_limit = 1");
                try (StallWatch watch = StallWatch.onConnection(server, c, "VACUUM of t")) {
                    // when
                    long started = System.nanoTime();
                    s.execute("VACUUM t");

                    // then
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the VACUUM outlasted the limit")
                            .isGreaterThan(LIMIT.multipliedBy(2));
                    assertThat(watch.stalled()).isFalse();
                }
            }
        } finally {
            pg.execute("postgres", "DROP DATABASE " + database);
        }
    }

    @Test
    void aStalledConnectionIsAbortedWithinTheLimitAndSaysWhy() throws Exception {
        // given a connection through a proxy that stops forwarding (nothing closed) once a statement was sent
        PgTarget server = target(proxy.host(), proxy.port());
        try (Connection c = server.connect(); Statement s = c.createStatement();
             StallWatch watch = StallWatch.onConnection(server, c, "a statement")) {
            CompletableFuture.runAsync(proxy::stall, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

            // when the statement's answer never comes
            long started = System.nanoTime();
            assertThatThrownBy(() -> {
                try {
                    s.execute("SELECT pg_sleep(1)");
                } catch (SQLException e) {
                    throw watch.sqlFailure(e);
                }
            })
                    // then the watch ended it within a bound of the limit, saying what and which setting
                    .isInstanceOf(ServerStalledException.class)
                    .hasMessageContaining("a statement made no progress for 2 s")
                    .hasMessageContaining("nightshift.connections.stall-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(watch.stalled()).isTrue();
        }
    }

    @Test
    void aClientThatReportsProgressIsNotAStallWhileItsServerWaitsOnIt() throws Exception {
        // given a session idle in a transaction for longer than the limit while its client beats
        PgTarget server = target(pg.host(), pg.port());
        try (Connection c = server.connect(); StallWatch watch = StallWatch.onConnection(server, c, "a busy client")) {
            c.setAutoCommit(false);
            // when
            for (int i = 0; i < 10; i++) {
                Thread.sleep(500);
                watch.beat();
            }

            // then
            assertThat(watch.stalled()).isFalse();
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void aSessionThatWaitsOnItsSilentClientIsAStall() throws Exception {
        // given the same idle session, whose client says nothing: the held-out case the beat exists for
        PgTarget server = target(pg.host(), pg.port());
        try (Connection c = server.connect(); StallWatch watch = StallWatch.onConnection(server, c, "a silent client")) {
            // when
            Thread.sleep(LIMIT.multipliedBy(3).toMillis());

            // then
            assertThat(watch.stalled()).isTrue();
            assertThat(c.isClosed()).as("the connection was aborted").isTrue();
        }
    }

    private static PgTarget target(String host, int port) {
        TestPostgres pg = TestPostgres.get();
        ConnectionProperties limits = new ConnectionProperties(Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofSeconds(10), 6, Duration.ofMinutes(2), true, LIMIT);
        return new PgTarget("dev", "app", "postgres", host, port, pg.user(), pg.password(), null, false, limits);
    }
}
