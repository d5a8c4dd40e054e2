package dev.nightshift.backup.notify;

import com.sun.net.httpserver.HttpServer;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook and the pings, received by an HTTP server in the test (127.0.0.1 only): a failed job and a
 * failed check alert the webhook without a password, pings follow a run, and an unreachable receiver never
 * changes a job's outcome.
 */
class NotificationTest {

    static final TestPostgres pg = TestPostgres.get();

    /** One received request: method, path and body. */
    record Received(String method, String path, String body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer receiver;
    String source;
    NightshiftFixture nightshift;

    @BeforeEach
    void receiverAndDatabase() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        source = pg.createDatabase("notify_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY); INSERT INTO item SELECT generate_series(1, 10)");
    }

    @AfterEach
    void cleanUp() {
        receiver.stop(0);
        if (nightshift != null) {
            nightshift.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    NightshiftFixture withNotifications(String webhook, String backupPing, String... settings) {
        var builder = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", source))
                .setting("notifications: {webhook-url: \"" + webhook + "\", pings: {backup: \"" + backupPing + "\"}, timeout: 2s}")
                .dropOnClose(source);
        for (String setting : settings) {
            builder.setting(setting);
        }
        nightshift = builder.build();
        return nightshift;
    }

    /** A bin directory whose pg_dump answers --version and fails every dump. */
    static Path failingPgDump() throws Exception {
        Path bin = Files.createTempDirectory("nightshift-failing-bin");
        Path real = TestPostgres.get().binDir();
        Path pgDump = bin.resolve("pg_dump");
        Files.writeString(pgDump, "#!/bin/sh\n"
                + "[ \"$1\" = --version ] && exec \"" + real.resolve("pg_dump") + "\" --version\n"
                + "echo 'pg_dump: error: simulated disk failure' >&2\nexit 1\n");
        Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(bin.resolve("pg_restore"), real.resolve("pg_restore"));
        return bin;
    }

    @Test
    void aFailedBackupAlertsTheWebhookWithoutThePasswordAndPingsFail() throws Exception {
        // given a backup whose pg_dump fails
        withNotifications(url("/hooks/T000/SECRET"), url("/ping/abc-123"), "postgres: {bin-dir: " + failingPgDump() + "}");

        // when
        CliResult backup = nightshift.cli("backup", "--env", "prod");

        // then the webhook got Slack-compatible JSON naming the job, the database and the cause
        assertThat(backup.exitCode()).isEqualTo(1);
        List<Received> hooks = received.stream().filter(r -> r.path().equals("/hooks/T000/SECRET")).toList();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).method()).isEqualTo("POST");
        assertThat(hooks.get(0).body()).startsWith("{\"text\":\"").contains("nightshift backup of prod/app failed")
                .contains("simulated disk failure").doesNotContain(pg.password());
        // and the ping URL saw the start and the failure
        assertThat(received.stream().map(Received::path).filter(p -> p.startsWith("/ping/")))
                .containsExactly("/ping/abc-123/start", "/ping/abc-123/fail");
    }

    @Test
    void aSuccessfulBackupPingsStartAndSuccessAndSendsNoAlert() {
        // given
        withNotifications(url("/hooks/T000/SECRET"), url("/ping/abc-123"));

        // when
        CliResult backup = nightshift.cli("backup", "--env", "prod");

        // then
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(received.stream().map(Received::path)).containsExactly("/ping/abc-123/start", "/ping/abc-123");
    }

    @Test
    void aFailedCheckAlertsTheWebhookNamingTheOffender() {
        // given prod has no backup at all
        withNotifications(url("/hooks/T000/SECRET"), url("/ping/abc-123"));

        // when
        CliResult check = nightshift.cli("backups", "check", "--env", "prod");

        // then
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).contains("backups check --env prod").contains("prod/app has no verified backup");
    }

    @Test
    void anUnreachableReceiverNeverChangesTheOutcome() throws Exception {
        // given webhook and ping point at a port nobody listens on
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed;
        withNotifications(nowhere + "/hook", nowhere + "/ping");

        // when a backup succeeds and a check fails
        CliResult backup = nightshift.cli("backup", "--env", "prod");
        pg.execute(nightshift.opsDatabase(), "UPDATE nightshift.backup SET started_at = started_at - interval '3 days'");
        CliResult check = nightshift.cli("backups", "check", "--env", "prod");

        // then the backup still succeeded and the check still reports its own verdict, and the log says why
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.all()).contains("ping to 127.0.0.1 failed").contains("was not delivered");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.all()).contains("webhook to 127.0.0.1 failed");
    }

    @Test
    void anUnsetPlaceholderIsLoggedAndNothingIsSent() {
        // given the webhook refers to a variable nobody exported
        withNotifications("${NIGHTSHIFT_TEST_UNSET_WEBHOOK}", url("/ping/abc-123"));

        // when a check fails
        CliResult check = nightshift.cli("backups", "check", "--env", "prod");

        // then the check's own verdict stands, the log names the setting (not a URL), nothing was sent
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.all()).contains("nightshift.notifications.webhook-url is not a usable http(s) URL");
        assertThat(received).isEmpty();
    }
}
