package dev.nightshift.cli;

import dev.nightshift.postgres.LocalCluster;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An environment of twelve databases on two servers, backed up by one command: the databases run at the same
 * time within the per-server limit (seen in pg_stat_activity), the failing one does not stop the others, and
 * the exit code and the summary tell about every database.
 */
class FleetBackupTest {

    private static final TestPostgres PG = TestPostgres.get();
    private static LocalCluster second;
    private static final List<String> FIRST = new ArrayList<>();
    private static final List<String> SECOND = new ArrayList<>();

    @BeforeAll
    static void twoServersWithSixDatabasesEach() throws Exception {
        second = LocalCluster.start(Files.createTempDirectory("nightshift-test-pg-second"), PG.user(), PG.password(), List.of());
        for (int i = 0; i < 6; i++) {
            String first = PG.createDatabase(i == 3 ? "fleet_broken" : "fleet_a");
            PG.execute(first, "CREATE TABLE t AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 200) g");
            FIRST.add(first);
            String name = "fleet_b_" + i;
            execute(second, "postgres", "CREATE DATABASE " + name);
            execute(second, name, "CREATE TABLE t AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 200) g");
            SECOND.add(name);
        }
    }

    @AfterAll
    static void stopSecondServer() {
        FIRST.forEach(PG::dropDatabase);
        second.stop(true);
    }

    @Test
    void databasesRunConcurrentlyWithinThePerServerLimitAndOneFailureStopsNoOther() throws Exception {
        // given
        Environment fleet = new Environment();
        for (int i = 0; i < 6; i++) {
            fleet.database("a" + i, FIRST.get(i));
            fleet.database("b" + i, second.host() + ":" + second.port() + "/" + SECOND.get(i));
        }
        Path bin = probingPgDump(Files.createTempDirectory("fleet-bin"));
        try (NightshiftFixture fixture = NightshiftFixture.builder().environment("fleet", fleet)
                .setting("postgres: {bin-dir: \"" + bin + "\"}")
                .setting("concurrency: {per-server: 2, total: 4}").build()) {
            ProbeWatch watch = new ProbeWatch();

            // when
            CliResult backup;
            try (watch) {
                backup = fixture.cli("backup", "--env", "fleet");
            }

            // then
            assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
            assertThat(dumps(fixture.backupDirectory())).as("backups of the eleven healthy databases").hasSize(11);
            assertThat(backup.err()).contains("backup summary: ").contains("fleet/a3 FAILED (exit 1)");
            assertThat(backup.out()).as("log lines name their database").containsPattern("INFO +\\[fleet/b1\\] DumpTasklet - ");
            for (int i = 0; i < 6; i++) {
                assertThat(backup.all()).contains("fleet/b" + i + " ok");
                if (i != 3) {
                    assertThat(backup.all()).contains("fleet/a" + i + " ok");
                }
            }
            assertThat(watch.maxOnServer(0)).as("dumps at once on the first server").isEqualTo(2);
            assertThat(watch.maxOnServer(1)).as("dumps at once on the second server").isEqualTo(2);
            assertThat(watch.maxInAll()).as("dumps at once on both servers").isGreaterThanOrEqualTo(3);
        }
    }

    /** pg_dump that first holds a connection named fleet_probe for 0.8 s, and fails for a database named *broken*. */
    private static Path probingPgDump(Path dir) throws Exception {
        Path real = PG.binDir();
        Path pgDump = dir.resolve("pg_dump");
        Files.writeString(pgDump, "#!/bin/sh\n"
                + "[ \"$1\" = --version ] && exec \"" + real.resolve("pg_dump") + "\" --version\n"
                + "case \"$PGDATABASE\" in *broken*) echo 'pg_dump: error: simulated failure' >&2; exit 1;; esac\n"
                + "PGAPPNAME=fleet_probe \"" + real.resolve("psql") + "\" -X -q -c 'SELECT pg_sleep(0.8)' >/dev/null || exit 1\n"
                + "exec \"" + real.resolve("pg_dump") + "\" \"$@\"\n");
        Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("pg_restore"), real.resolve("pg_restore"));
        Files.createSymbolicLink(dir.resolve("psql"), real.resolve("psql"));
        return dir;
    }

    private static List<Path> dumps(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.dump(\\.[a-z0-9]+)?")).toList();
        }
    }

    private static void execute(LocalCluster cluster, String db, String sql) throws Exception {
        try (Connection c = connect(cluster.jdbcUrl(db))) {
            c.createStatement().execute(sql);
        }
    }

    private static Connection connect(String url) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", PG.user());
        props.setProperty("password", PG.password());
        return DriverManager.getConnection(url, props);
    }

    /** Samples pg_stat_activity of both servers every 20 ms for the probes' connections. */
    private static final class ProbeWatch implements AutoCloseable {
        private final AtomicIntegerArray max = new AtomicIntegerArray(3);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::sample, "probe-watch");

        ProbeWatch() {
            thread.start();
        }

        private void sample() {
            String sql = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'fleet_probe'";
            try (Connection a = connect(PG.jdbcUrl("postgres")); Connection b = connect(second.jdbcUrl("postgres"))) {
                while (running.get()) {
                    int onA = count(a, sql);
                    int onB = count(b, sql);
                    max.accumulateAndGet(0, onA, Math::max);
                    max.accumulateAndGet(1, onB, Math::max);
                    max.accumulateAndGet(2, onA + onB, Math::max);
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static int count(Connection c, String sql) throws Exception {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getInt(1);
            }
        }

        int maxOnServer(int server) {
            return max.get(server);
        }

        int maxInAll() {
            return max.get(2);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
