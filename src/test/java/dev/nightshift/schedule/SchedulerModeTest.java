package dev.nightshift.schedule;

import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.ScheduleClient;
import dev.nightshift.testsupport.SlowPgDump;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nightshift scheduler --env dev} in separate JVMs, on a real backup: a run stopped by SIGTERM
 * mid-dump is resumed by the next instance as the same run (same run key, same job instance); health over
 * HTTP (503 when a target database is down) and Prometheus metrics.
 */
class SchedulerModeTest {

    final TestPostgres pg = TestPostgres.get();
    final List<Process> processes = new ArrayList<>();
    String database;
    SlowPgDump slowPgDump;
    NightshiftFixture nightshift;
    int port;
    Path serverSettings;

    @BeforeEach
    void environmentWithAYearlyBackupSchedule() throws IOException {
        database = pg.createDatabase("sched_app");
        pg.execute(database, "CREATE TABLE item (id int PRIMARY KEY); INSERT INTO item SELECT generate_series(1, 1000)");
        slowPgDump = SlowPgDump.create(Files.createTempDirectory("nightshift-slow"));
        nightshift = NightshiftFixture.builder()
                .environment("dev", new Environment().database("app", database))
                .setting("postgres: {bin-dir: " + slowPgDump.binDir() + "}")
                .setting("schedule: {file: {home}/schedules.yml, cluster-checkin: 1s}")
                .build();
        ScheduleClient.writeYearlyBackupSchedule(nightshift);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        serverSettings = Files.writeString(nightshift.home().resolve("server.yml"), "server: {port: " + port + ", address: 127.0.0.1}\n");
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        nightshift.close();
        pg.dropDatabase(database);
    }

    /**
     * One story, because every scheduler JVM costs a start of the web server on a shared machine: health,
     * shutdown mid-job, resume by the next instance, its metrics, and health turning 503.
     */
    @Test
    void aRunStoppedByShutdownIsResumedByTheNextInstanceAndHealthTurns503WhenADatabaseIsDown() throws Exception {
        // given a healthy scheduler
        Process first = startScheduler();
        HttpResponse<String> healthy = health();
        assertThat(healthy.statusCode()).as(healthy.body()).isEqualTo(200);
        assertThat(healthy.body()).contains("\"scheduler\"", "\"targetDatabases\"", "\"running\"");

        // when it runs the backup schedule and gets SIGTERM in the middle of the dump
        fireNow("backup");
        awaitPartialArtifact();
        first.destroy();
        assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();
        assertThat(statuses()).as(nightshift.spawnOutput()).containsExactly("STOPPED");

        // when the next instance starts (the dump is fast again)
        slowPgDump.fast();
        startScheduler();

        // then it resumes that run: a second execution of the same job instance completes it
        awaitStatuses(List.of("STOPPED", "COMPLETED"));
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_instance")).isEqualTo(1);
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(DISTINCT parameter_value) FROM "
                + "nightshift.batch_job_execution_params WHERE parameter_name = 'runKey'")).isEqualTo(1);
        try (Stream<Path> files = Files.list(nightshift.backupDirectory().resolve("dev/app"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".dump.zst"))).hasSize(1);
        }

        // and the scheduler serves the run's metrics for Prometheus
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern("nightshift_job_duration_seconds_count\\{[^}]*job=\"backup\"[^}]*outcome=\"completed\"[^}]*} 1")
                .containsPattern("nightshift_job_last_success_timestamp_seconds\\{database=\"app\",environment=\"dev\",job=\"backup\"}")
                .containsPattern("nightshift_backup_size_bytes\\{database=\"app\",environment=\"dev\"} [1-9]")
                .containsPattern("nightshift_backup_age_seconds\\{database=\"app\",environment=\"dev\"} [0-9]");

        // and when the environment's database goes away, health is DOWN with HTTP 503 naming it; liveness
        // stays up, so Kubernetes does not restart a scheduler because a database is down
        pg.dropDatabase(database);
        HttpResponse<String> down = health();
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("down: dev/app").doesNotContain(pg.password());
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private Process startScheduler() throws Exception {
        Process process = nightshift.spawn("--config", serverSettings.toString(), "scheduler", "--env", "dev");
        processes.add(process);
        long deadline = System.currentTimeMillis() + 120_000;
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            assertThat(process.isAlive()).as("scheduler ended: " + nightshift.spawnOutput()).isTrue();
            try {
                HttpResponse<String> health = health();
                if (health.statusCode() == 200) {
                    return process;
                }
                last = health.statusCode() + " " + health.body();
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("scheduler did not become healthy (" + last + "): " + nightshift.spawnOutput());
    }

    /** Fires a schedule now through the job store, as any cluster member could (this one never runs jobs). */
    private void fireNow(String entry) throws Exception {
        ScheduleClient.fireNow(nightshift, "dev", entry);
    }

    private void awaitPartialArtifact() throws InterruptedException, IOException {
        Path folder = nightshift.backupDirectory().resolve("dev/app");
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".partial"))) {
                        Thread.sleep(2000);   // the dump itself is quick; then the slow pg_dump sleeps
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the scheduled backup never started: " + nightshift.spawnOutput());
    }

    private List<String> statuses() {
        return nightshift.executionStatuses();
    }

    private void awaitStatuses(List<String> expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!statuses().equals(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertThat(statuses()).as(nightshift.spawnOutput()).isEqualTo(expected);
    }

    private HttpResponse<String> health() throws IOException, InterruptedException {
        return get("/actuator/health");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
