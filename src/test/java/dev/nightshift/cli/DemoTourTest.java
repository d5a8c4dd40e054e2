package dev.nightshift.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's tour on its own throwaway cluster: every step's outcome is checked in the databases and on disk
 * (not the tour's wording), and {@code demo stop} leaves nothing behind.
 */
class DemoTourTest {

    private final Path home = Path.of(System.getProperty("java.io.tmpdir"), "nightshift-demo-test-" + UUID.randomUUID());

    @AfterEach
    void stopDemo() {
        run("demo", "stop", "--dir", home.toString());
    }

    @Test
    void tourBacksUpSyncsMigratesAndMaintainsBothDemoDatabases() throws Exception {
        // when
        Run tour = run("demo", "--dir", home.toString(), "--users", "300", "--jobs", Path.of("jobs").toAbsolutePath().toString());

        // then
        assertThat(tour.exit).as(tour.out).isZero();
        assertThat(tour.out).doesNotContain("FAILED").contains("7. Production at a glance");
        for (String db : List.of("auth", "user")) {
            assertThat(files(home.resolve("backups/prod/" + db), ".dump.zst")).as("backup of prod/" + db).hasSize(1);
            assertThat(count("staging_" + db, "SELECT count(*) FROM users")).isEqualTo(count("prod_" + db, "SELECT count(*) FROM users"));
            assertThat(count("staging_" + db, "SELECT count(*) FROM users WHERE email NOT LIKE '%@test.example.com'"))
                    .as("unmasked emails in staging_" + db).isZero();
            assertThat(files(home.resolve("reports/maintenance/staging/" + db), ".html")).as("report of " + db).hasSize(1);
        }
        assertThat(prodEmailsIn("staging_auth")).as("production emails in staging").isZero();
        // the tour shows user 1's masked email, never production's
        String firstUser = "SELECT email FROM users ORDER BY id LIMIT 1";
        assertThat(tour.out).contains("'" + text("staging_auth", firstUser) + "'")
                .doesNotContain(text("prod_auth", firstUser));
        assertThat(text("staging_auth", "SELECT max(version) FROM flyway_schema_history WHERE success")).isEqualTo("003");
        assertThat(files(home.resolve("backups/staging/auth"), ".dump.zst")).as("backup before the schema migration").hasSize(1);
        assertThat(count("staging_auth", "SELECT count(*) FROM users WHERE email_hash IS NULL")).as("rows left to backfill").isZero();
        assertThat(Files.readString(home.resolve("masking-salt")).strip()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Files.readString(home.resolve("nightshift.yml"))).doesNotContain(Files.readString(home.resolve("masking-salt")).strip());
    }

    @Test
    void backupOnlyTakesTheNightlyBackupAndStopRemovesTheDemo() throws Exception {
        // when
        Run backup = run("demo", "backup", "--dir", home.toString(), "--users", "100");

        // then
        assertThat(backup.exit).as(backup.out).isZero();
        assertThat(files(home.resolve("backups/prod/auth"), ".dump.zst")).hasSize(1);
        assertThat(files(home.resolve("backups/prod/user"), ".dump.zst")).hasSize(1);
        assertThat(count("staging_auth", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).as("staging untouched").isZero();

        // when
        Run stop = run("demo", "stop", "--dir", home.toString());

        // then
        assertThat(stop.exit).isZero();
        assertThat(home).doesNotExist();
    }

    private long prodEmailsIn(String database) throws SQLException {
        List<String> prod = new ArrayList<>();
        try (Connection c = connect("prod_auth"); ResultSet rs = c.createStatement().executeQuery("SELECT email FROM users")) {
            while (rs.next()) {
                prod.add(rs.getString(1));
            }
        }
        try (Connection c = connect(database); var ps = c.prepareStatement("SELECT count(*) FROM users WHERE email = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", prod.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    private long count(String database, String sql) throws SQLException {
        return Long.parseLong(text(database, sql));
    }

    private String text(String database, String sql) throws SQLException {
        try (Connection c = connect(database); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Connection connect(String database) throws SQLException {
        try {
            String config = Files.readString(home.resolve("nightshift.yml"));
            Matcher url = Pattern.compile("url: \"(jdbc:postgresql://[^/]+/)nightshift_ops\"").matcher(config);
            assertThat(url.find()).as("ops url in the demo's configuration").isTrue();
            Properties props = new Properties();
            props.setProperty("user", "nightshift");
            props.setProperty("password", Files.readString(home.resolve("password")).strip());
            return DriverManager.getConnection(url.group(1) + database, props);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        int exit = NightshiftCli.execute(new PrintWriter(out, true), new PrintWriter(out, true), args);
        return new Run(exit, out.toString());
    }

    private record Run(int exit, String out) {
    }
}
