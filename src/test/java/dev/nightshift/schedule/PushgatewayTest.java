package dev.nightshift.schedule;

import com.sun.net.httpserver.HttpServer;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-run mode (a CronJob pod): after the command, its metrics go to the configured Pushgateway, here a tiny
 * HTTP server on the loopback interface that records what it receives.
 */
class PushgatewayTest {

    record Request(String method, String path, String body) {
    }

    final TestPostgres pg = TestPostgres.get();
    final List<Request> received = new CopyOnWriteArrayList<>();
    HttpServer pushgateway;
    String database;

    @BeforeEach
    void fakePushgateway() throws IOException {
        database = pg.createDatabase("push_app");
        pg.execute(database, "CREATE TABLE item (id int PRIMARY KEY); INSERT INTO item SELECT generate_series(1, 100)");
        pushgateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pushgateway.createContext("/", exchange -> {
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pushgateway.start();
    }

    @AfterEach
    void stop() {
        pushgateway.stop(0);
        pg.dropDatabase(database);
    }

    NightshiftFixture nightshift(int port) {
        return NightshiftFixture.builder()
                .environment("dev", new Environment().database("app", database))
                .setting("schedule: {pushgateway-url: \"http://127.0.0.1:" + port + "\"}")
                .build();
    }

    @Test
    void aOneShotBackupPushesJobAndBackupMetricsGroupedByCommandAndEnvironment() {
        try (NightshiftFixture nightshift = nightshift(pushgateway.getAddress().getPort())) {
            // when a backup runs as a CronJob would run it
            CliResult result = nightshift.cli("backup", "--env", "dev", "--run-key", "2026-12-02T02:00Z");

            // then its metrics reached the Pushgateway, in its own group
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(received).hasSize(1);
            Request push = received.get(0);
            assertThat(push.method()).isEqualTo("PUT");
            assertThat(push.path()).isEqualTo("/metrics/job/nightshift/command/backup/environment/dev");
            assertThat(push.body())
                    .containsPattern("nightshift_job_duration_seconds_count\\{[^}]*database=\"app\"[^}]*environment=\"dev\"[^}]*job=\"backup\"[^}]*outcome=\"completed\"[^}]*} 1")
                    .containsPattern("nightshift_job_last_success_timestamp_seconds\\{[^}]*job=\"backup\"[^}]*} 1\\.[0-9]+E9")
                    .containsPattern("nightshift_backup_size_bytes\\{database=\"app\",environment=\"dev\"} [1-9]")
                    .containsPattern("nightshift_backup_age_seconds\\{database=\"app\",environment=\"dev\"} [0-9]");
        }
    }

    @Test
    void anUnreachablePushgatewayDoesNotFailTheRun() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (NightshiftFixture nightshift = nightshift(closedPort)) {
            CliResult result = nightshift.cli("backup", "--env", "dev");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.all()).contains("could not push metrics to the Pushgateway");
        }
    }
}
