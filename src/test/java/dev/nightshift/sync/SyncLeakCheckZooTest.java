package dev.nightshift.sync;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way we know production data could reach staging past the masking, each tried on the demo database:
 * the sync either leaves the thing out of the copy, refuses before writing, or fails before the swap
 * (staging exactly as before). In no case does the leaked value turn up in staging, the log, the run
 * report or the ops database.
 */
class SyncLeakCheckZooTest {

    SyncFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    // ---- the catalog: left out of the copy ----

    @Test
    void aUserMappingsPasswordNeverReachesStaging() throws Exception {
        // given production reaches another server through postgres_fdw with a password in its user mapping
        fixture = SyncFixture.builder().users(20).build();
        PG.execute(fixture.prod, """
                CREATE EXTENSION postgres_fdw;
                CREATE SERVER billing FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'billing.internal', dbname 'billing');
                CREATE USER MAPPING FOR CURRENT_USER SERVER billing OPTIONS (user 'app', password 'S3cr3t')""");

        // when
        CliResult result = sync();

        // then the copy is made, without the mapping
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM pg_foreign_server WHERE srvname = 'billing'"))
                .as("the server itself is structure").isEqualTo(1);
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM pg_user_mappings WHERE srvname = 'billing'")).isZero();
        assertNowhere("S3cr3t", result);
        assertThat(report()).contains("user mapping");
    }

    @Test
    void commentsAreNotCopiedByDefault() throws Exception {
        // given a column comment holding an email address
        fixture = SyncFixture.builder().users(20).build();
        PG.execute(fixture.prod, "COMMENT ON COLUMN users.phone IS 'ask dpo.anna@corp.example before exporting'");

        // when
        CliResult result = sync();

        // then the copy has no comment at all
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).isZero();
        assertNowhere("dpo.anna@corp.example", result);
    }

    @Test
    void aCopiedCommentHoldingAnEmailAddressIsRefusedBeforeAnythingIsWritten() throws Exception {
        // given copy-comments on, and a comment holding an email address
        fixture = SyncFixture.builder().users(20).sync("copy-comments: true").build();
        PG.execute(fixture.prod, "COMMENT ON COLUMN users.phone IS 'ask dpo.anna@corp.example before exporting'");
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);

        // when
        CliResult result = sync();

        // then refused naming the comment and the setting, staging as it was
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("COLUMN public.users.phone").contains("nightshift.sync.copy-comments");
        assertUntouched(before);
        assertNowhere("dpo.anna@corp.example", result);
    }

    @Test
    void cleanCommentsAreCopiedWhenAsked() {
        // given copy-comments on and the demo's comments (no address, no token)
        fixture = SyncFixture.builder().users(20).sync("copy-comments: true").build();

        // when
        CliResult result = sync();

        // then
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(DatabaseSnapshot.schema(fixture.staging)).isEqualTo(DatabaseSnapshot.schema(fixture.prod))
                .contains("COMMENT ON TABLE public.users");
    }

    @Test
    void aPublicationIsNotCopied() throws Exception {
        // given production publishes its users
        fixture = SyncFixture.builder().users(20).build();
        PG.execute(fixture.prod, "CREATE PUBLICATION users_out FOR TABLE users");

        // when
        CliResult result = sync();

        // then
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM pg_publication")).isZero();
        assertThat(report()).contains("publication");
    }

    @Test
    void aForeignTableWithoutARuleIsRefusedBeforeAnythingIsWritten() throws Exception {
        // given a foreign table the rules do not name
        fixture = SyncFixture.builder().users(20).build();
        PG.execute(fixture.prod, """
                CREATE EXTENSION postgres_fdw;
                CREATE SERVER billing FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'billing.internal', dbname 'billing');
                CREATE FOREIGN TABLE billing_contacts (id int, email text) SERVER billing""");
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);

        // when
        CliResult result = sync();

        // then default deny: exit 2 naming the table's columns, nothing written
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("public.billing_contacts").contains("email");
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertUntouched(before);
    }

    @Test
    void aForeignTableWithARuleIsCopiedAsStructureOnly() throws Exception {
        // given a foreign table with a rule (the remote server is not even reachable)
        Path rules = rulesWith("  public.billing_contacts: {keep-all: true}\n");
        fixture = SyncFixture.builder().users(20).rules(rules).build();
        PG.execute(fixture.prod, """
                CREATE EXTENSION postgres_fdw;
                CREATE SERVER billing FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'billing.invalid', dbname 'billing');
                CREATE FOREIGN TABLE billing_contacts (id int, email text) SERVER billing""");

        // when
        CliResult result = sync();

        // then
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM pg_foreign_table ft JOIN pg_class c"
                + " ON c.oid = ft.ftrelid WHERE c.relname = 'billing_contacts'")).isEqualTo(1);
    }

    @Test
    void largeObjectsAreNotCopied() throws Exception {
        // given a large object in production (no rule can mask its contents)
        fixture = SyncFixture.builder().users(20).build();
        PG.execute(fixture.prod, "SELECT lo_from_bytea(0, convert_to('scan of passport L01X00T47', 'UTF8'))");

        // when from a live snapshot and from a backup
        CliResult live = sync();
        assertThat(live.exitCode()).as(live.all()).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM pg_largeobject_metadata")).isZero();
        CliResult backup = fixture.nightshift.cli("backup", "--env", "prod");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        CliResult fromBackup = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "backup");

        // then neither copy has it
        assertThat(fromBackup.exitCode()).as(fromBackup.all()).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM pg_largeobject_metadata")).isZero();
        assertThat(Files.readString(newestReport())).contains("1 large object");
        assertNowhere("passport L01X00T47", fromBackup);
    }

    // ---- the data: fails before the swap ----

    @Test
    void anEmailCopiedIntoAKeptJsonbAuditColumnFailsBeforeTheSwap() throws Exception {
        // given the application copied an address into an array inside a kept jsonb payload
        fixture = SyncFixture.builder().users(30).build();
        String email = queryString(fixture.prod, "SELECT email FROM users ORDER BY id LIMIT 1");
        PG.execute(fixture.prod, "INSERT INTO audit_log (user_id, action, payload) SELECT id, 'mail.sent',"
                + " jsonb_build_object('to', jsonb_build_array(email)) FROM users ORDER BY id LIMIT 1");

        // then
        assertFailsBeforeTheSwap("public.audit_log.payload (kept) holds an original value of public.users.email", email);
    }

    @Test
    void aNameCopiedIntoAKeptTextColumnFailsBeforeTheSwap() throws Exception {
        // given a user's name copied into the kept action text of an audit row
        fixture = SyncFixture.builder().users(30).build();
        String name = queryString(fixture.prod, "SELECT name FROM users ORDER BY id LIMIT 1");
        PG.execute(fixture.prod, "INSERT INTO audit_log (user_id, action) SELECT id, name FROM users ORDER BY id LIMIT 1");

        // then
        assertFailsBeforeTheSwap("public.audit_log.action (kept) holds an original value of public.users.name", name);
    }

    @Test
    void aKeptColumnEqualToAMaskedOneFailsBeforeTheSwap() throws Exception {
        // given users.email_lower, kept, though it is lower(email)
        fixture = SyncFixture.builder().users(30).rules(rulesWithKept("email_lower")).build();
        PG.execute(fixture.prod, "ALTER TABLE users ADD COLUMN email_lower text; UPDATE users SET email_lower = lower(email)");
        String email = queryString(fixture.prod, "SELECT email_lower FROM users ORDER BY id LIMIT 1");

        // then
        assertFailsBeforeTheSwap("public.users.email_lower (kept) holds an original value of public.users.email", email);
    }

    @Test
    void aTemplateOverAKeptCopyOfTheOriginalFailsBeforeTheSwap() throws Exception {
        // given the name "masked" by a template that reads a kept column holding the same name
        Path rules = rulesWithKept("display_name");
        Files.writeString(rules.resolve("auth.yml"), Files.readString(rules.resolve("auth.yml"))
                .replace("name:       {strategy: template, template: \"Test User {id}\"}",
                        "name:       {strategy: template, template: \"{display_name}\"}"));
        fixture = SyncFixture.builder().users(30).rules(rules).build();
        PG.execute(fixture.prod, "ALTER TABLE users ADD COLUMN display_name text; UPDATE users SET display_name = name");
        String name = queryString(fixture.prod, "SELECT name FROM users ORDER BY id LIMIT 1");

        // then both the kept copy and the template's output are caught
        assertFailsBeforeTheSwap("public.users.name (template) equals its own row's original value", name);
    }

    @Test
    void theDemoRulesRaiseNoFalseAlarm() throws Exception {
        // given the demo database and the repository's rules, with the demo's common values everywhere
        fixture = SyncFixture.builder().users(400).build();

        // when
        CliResult result = sync();

        // then
        assertThat(result.exitCode()).as(result.all()).isZero();
        SyncReport report = SyncReport.read(newestReport());
        assertThat(report.tables()).allSatisfy(t -> assertThat(t.leaks()).isEmpty());
        assertThat(report.tables().stream().mapToLong(SyncReport.TableResult::valuesChecked).sum()).isGreaterThan(1000);
    }

    // ---- helpers ----

    private CliResult sync() {
        return fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
    }

    private void assertFailsBeforeTheSwap(String finding, String leaked) throws Exception {
        Map<String, String> before = DatabaseSnapshot.contentFingerprints(fixture.staging);
        String schemaBefore = DatabaseSnapshot.schema(fixture.staging);
        // the pipelined load puts clean parts into __incoming while others are still extracted: after every
        // committed chunk, the incoming copy must not hold the value (a part with a finding is never loaded)
        List<String> loadedMeanwhile = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        dev.nightshift.postgres.Failpoint.whenReached("sync.load.after-commit", () -> {
            commits.incrementAndGet();
            try {
                loadedMeanwhile.addAll(rowsHolding(fixture.incoming(), leaked));
            } catch (SQLException e) {
                loadedMeanwhile.add("cannot scan " + fixture.incoming() + ": " + e.getMessage());
            }
        });

        CliResult result;
        try {
            result = sync();
        } finally {
            dev.nightshift.postgres.Failpoint.clearActions();
        }

        assertThat(commits.get()).as("chunks the pipelined load committed before the verdict").isPositive();
        assertThat(loadedMeanwhile).as("rows of __incoming holding the value while the run went on").isEmpty();

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains("verification failed");
        assertThat(report()).contains(finding);
        assertUntouched(before);
        assertThat(DatabaseSnapshot.schema(fixture.staging)).isEqualTo(schemaBefore);
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertNowhere(leaked, result);
    }

    private void assertUntouched(Map<String, String> before) {
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).as("staging as it was").isEqualTo(before);
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
    }

    /** Not in staging, the command's output (the log), any run report, or any table of the ops database. */
    private void assertNowhere(String value, CliResult result) throws Exception {
        assertThat(result.all()).as("the log").doesNotContainIgnoringCase(value);
        if (Files.isDirectory(fixture.reports())) {
            try (Stream<Path> reports = Files.list(fixture.reports())) {
                for (Path report : reports.toList()) {
                    assertThat(Files.readString(report)).as("the run report").doesNotContainIgnoringCase(value);
                }
            }
        }
        assertThat(rowsHolding(fixture.nightshift.opsDatabase(), value)).as("the ops database").isEmpty();
        assertThat(rowsHolding(fixture.staging, value)).as("staging").isEmpty();
    }

    private static List<String> rowsHolding(String database, String value) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = PG.connect(database)) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?")) {
                    s.setString(1, "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(table);
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_description WHERE description ILIKE ?")) {
                s.setString(1, "%" + value + "%");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        found.add("pg_description");
                    }
                }
            }
        }
        return found;
    }

    private static String queryString(String database, String sql) throws SQLException {
        try (Connection c = PG.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String report() throws IOException {
        return Files.readString(newestReport());
    }

    private Path newestReport() throws IOException {
        try (Stream<Path> files = Files.list(fixture.reports())) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        }
    }

    private static Path rulesWith(String tableLines) throws IOException {
        Path directory = Files.createTempDirectory("rules");
        Files.writeString(directory.resolve("auth.yml"), Files.readString(Path.of("jobs/masking/auth.yml")) + tableLines);
        return directory;
    }

    private static Path rulesWithKept(String column) throws IOException {
        Path directory = Files.createTempDirectory("rules");
        Files.writeString(directory.resolve("auth.yml"), Files.readString(Path.of("jobs/masking/auth.yml"))
                .replace("keep: [id, status, created_at, updated_at]", "keep: [id, status, created_at, updated_at, " + column + "]"));
        return directory;
    }
}
