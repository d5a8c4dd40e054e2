package dev.nightshift.maintenance;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** What the report shows about tables and indexes, measured against pgstattuple on a real database. */
class MaintenanceReportTest {

    @AutoClose
    MaintenanceFixture fixture;

    @Test
    void aTableBloatedByUpdatesAndDeletesShowsItsDeadTuplesAndAnEstimateCloseToPgstattuple() throws Exception {
        // given pgstattuple, a table with half its rows updated and a fifth deleted, and a healthy one
        fixture = MaintenanceFixture.create();
        fixture.sql("CREATE EXTENSION pgstattuple");
        fixture.bloatedTable("orders", 20_000, 2, 5).bloatedTable("healthy", 20_000, 0, 0);

        // when
        CliResult result = fixture.maintain("--env", "dev", "--report-only");

        // then the report lists the dead tuples, a reliable estimate within 10 points of the measurement
        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode report = fixture.newestJson();
        JsonNode orders = MaintenanceFixture.table(report, "orders");
        assertThat(orders.get("deadTuples").asLong()).isEqualTo(fixture.deadTuples("orders")).isGreaterThan(10_000);
        assertThat(orders.get("bloatReliable").asBoolean()).as(orders.toString()).isTrue();
        double estimate = orders.get("bloatPercent").asDouble();
        double measured = orders.get("measuredBloatPercent").asDouble();
        assertThat(measured).isGreaterThan(30);
        assertThat(estimate).as("estimate vs pgstattuple").isCloseTo(measured, org.assertj.core.data.Offset.offset(10.0));
        assertThat(orders.get("recommendations").toString()).contains("vacuum");
        JsonNode healthy = MaintenanceFixture.table(report, "healthy");
        assertThat(healthy.get("bloatPercent").asDouble()).isCloseTo(healthy.get("measuredBloatPercent").asDouble(),
                org.assertj.core.data.Offset.offset(10.0));
        assertThat(healthy.get("recommendations")).isEmpty();
        // and nothing was vacuumed
        assertThat(report.get("vacuum")).isEmpty();
        assertThat(fixture.deadTuples("orders")).isGreaterThan(10_000);
        assertThat(result.out()).contains("report: ");
        assertThat(Files.readString(MaintenanceFixture.newest(fixture.reports(), "md")))
                .contains("|---|---|---|\n| public.orders | **vacuum** | ");
    }

    @Test
    void theReportFlagsEstimatesItCannotTrust() {
        // given a table with a name column, one never analyzed, one whose data is mostly in TOAST
        fixture = MaintenanceFixture.create();
        fixture.sql("CREATE TABLE labels (id integer, label name) WITH (autovacuum_enabled = false)");
        fixture.sql("INSERT INTO labels SELECT g, 'label ' || g FROM generate_series(1, 20000) g");
        fixture.sql("ANALYZE labels");
        fixture.sql("CREATE TABLE unanalyzed (id integer, note text) WITH (autovacuum_enabled = false)");
        fixture.sql("INSERT INTO unanalyzed SELECT g, md5(g::text) FROM generate_series(1, 20000) g");
        fixture.sql("CREATE TABLE documents (id integer, body text) WITH (autovacuum_enabled = false)");
        fixture.sql("INSERT INTO documents SELECT g, (SELECT string_agg(md5(random()::text || i), '') FROM"
                + " generate_series(1, 300) i WHERE g > 0) FROM generate_series(1, 300) g");
        fixture.sql("ANALYZE documents");
        fixture.awaitStatistics("documents");

        // when
        CliResult result = fixture.maintain("--env", "dev", "--report-only");

        // then each estimate is flagged with its reason
        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode report = fixture.newestJson();
        assertThat(reasons(report, "labels")).contains("name columns");
        assertThat(reasons(report, "unanalyzed")).contains("no statistics");
        assertThat(reasons(report, "documents")).contains("TOAST-heavy");
        assertThat(MaintenanceFixture.table(report, "unanalyzed").get("recommendations").toString()).contains("analyze");
    }

    @Test
    void indexProblemsAreFoundAndAnInvalidIndexFailsTheRun() {
        // given duplicate, overlapping and unused indexes, an invalid one, and a foreign key without an index
        fixture = MaintenanceFixture.create();
        fixture.sql("CREATE TABLE customers (id bigint PRIMARY KEY, email text)");
        fixture.sql("INSERT INTO customers SELECT g, 'same@example.com' FROM generate_series(1, 100) g");
        fixture.sql("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers,"
                + " created date, status text)");
        fixture.sql("CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders)");
        fixture.sql("CREATE INDEX payments_order ON payments (order_id)");
        fixture.sql("CREATE INDEX orders_created ON orders (created)");
        fixture.sql("CREATE INDEX orders_created_again ON orders (created)");
        fixture.sql("CREATE INDEX orders_created_status ON orders (created, status)");
        try {
            fixture.sql("CREATE UNIQUE INDEX CONCURRENTLY customers_email ON customers (email)");
        } catch (IllegalStateException expected) {
            // the duplicate emails make it fail and leave an invalid index behind
        }

        // when
        CliResult result = fixture.maintain("--env", "dev", "--report-only");

        // then
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains("invalid index customers_email on public.customers");
        JsonNode findings = fixture.newestJson().get("indexFindings");
        assertThat(names(findings.get("invalid"))).containsExactly("customers_email");
        assertThat(names(findings.get("duplicates"))).contains("orders_created_again")
                .contains("orders_created").doesNotContain("orders_created_status", "orders_pkey");
        assertThat(names(findings.get("unused"))).contains("orders_created_status", "payments_order")
                .doesNotContain("orders_pkey", "customers_email");
        assertThat(names(findings.get("unindexedForeignKeys"))).containsExactly("orders_customer_id_fkey");
    }

    @Test
    void slowQueriesSayWhyTheyAreMissing() {
        // given one database without pg_stat_statements, and the extension created in another without
        // shared_preload_libraries (the usual half-done setup)
        fixture = MaintenanceFixture.create();
        CliResult without = fixture.maintain("--env", "dev", "--report-only");
        String notInstalled = fixture.newestJson().get("activity").get("slowQueries").get("note").asString();
        fixture.sql("CREATE EXTENSION pg_stat_statements");
        MaintenanceFixture.sleep(1_100); // the report file name has one-second resolution

        // when
        CliResult with = fixture.maintain("--env", "dev", "--report-only");

        // then
        assertThat(without.exitCode()).as(without.all()).isZero();
        assertThat(with.exitCode()).as(with.all()).isZero();
        assertThat(notInstalled).contains("pg_stat_statements is not installed");
        assertThat(fixture.newestJson().get("activity").get("slowQueries").get("note").asString())
                .contains("installed but cannot be read").contains("shared_preload_libraries");
    }

    @Test
    void slowStatementsAreListedWherePgStatStatementsIsPreloaded() throws Exception {
        // given a server with pg_stat_statements preloaded, the extension created, and one slow statement
        TestPostgres server = TestPostgres.withPgStatStatements();
        String database = server.createDatabase("statements");
        try (NightshiftFixture nightshift = NightshiftFixture.builder()
                .environment("other", new NightshiftFixture.Environment().database("app", database)
                        .port(server.port()).password(server.password()))
                .setting("maintenance: {report-directory: \"{home}/reports\"}")
                .build()) {
            server.execute(database, "CREATE EXTENSION pg_stat_statements");
            server.execute(database, "SELECT pg_sleep(0.3), 'the slow one'");

            // when
            CliResult result = nightshift.cli("maintain", "--env", "other", "--report-only");

            // then the statement is in the report, slowest first
            assertThat(result.exitCode()).as(result.all()).isZero();
            JsonNode slow = new tools.jackson.databind.json.JsonMapper().readTree(Files.readString(
                    MaintenanceFixture.newest(nightshift.home().resolve("reports"), "json")))
                    .get("activity").get("slowQueries");
            assertThat(slow.get("note").isNull()).as(slow.toString()).isTrue();
            assertThat(slow.get("statements").get(0).get("query").asString()).contains("pg_sleep");
            assertThat(slow.get("statements").get(0).get("meanMillis").asDouble()).isGreaterThan(250);
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void trendsCompareWithTheLastRunAndTheOldestRunOfTheLast30Days() throws Exception {
        // given runs 40 days, 20 days and 1 day ago, the table growing in between
        fixture = MaintenanceFixture.create();
        fixture.bloatedTable("events", 1_000, 0, 0);
        runAndBackdate(40);
        fixture.sql("INSERT INTO events SELECT g, repeat('x', 100), 0 FROM generate_series(1001, 3000) g");
        runAndBackdate(20);
        long twentyDaysAgo = tableBytes();
        fixture.sql("INSERT INTO events SELECT g, repeat('x', 100), 0 FROM generate_series(3001, 6000) g");
        runAndBackdate(1);
        long yesterday = tableBytes();
        fixture.sql("INSERT INTO events SELECT g, repeat('x', 100), 0 FROM generate_series(6001, 10000) g");

        // when
        CliResult result = fixture.maintain("--env", "dev", "--report-only");

        // then
        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode report = fixture.newestJson();
        JsonNode events = MaintenanceFixture.table(report, "events");
        long now = events.get("totalBytes").asLong();
        assertThat(events.get("changeSinceLastRun").asLong()).isEqualTo(now - yesterday).isPositive();
        assertThat(events.get("growth30Days").asLong()).isEqualTo(now - twentyDaysAgo).isGreaterThan(now - yesterday);
        assertThat(report.get("databaseChangeSinceLastRun").isNull()).isFalse();
        assertThat(report.get("databaseGrowth30Days").isNull()).isFalse();
        assertThat(MaintenanceFixture.PG.queryLong(fixture.nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.maintenance_run")).isEqualTo(4);
    }

    private void runAndBackdate(int days) {
        CliResult result = fixture.maintain("--env", "dev", "--report-only", "--report-dir",
                fixture.nightshift.home().resolve("old-reports").toString());
        assertThat(result.exitCode()).as(result.all()).isZero();
        MaintenanceFixture.PG.execute(fixture.nightshift.opsDatabase(), "UPDATE nightshift.maintenance_run SET collected_at"
                + " = now() - interval '" + days + " days' WHERE id = (SELECT max(id) FROM nightshift.maintenance_run)");
    }

    private long tableBytes() {
        return MaintenanceFixture.PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT total_bytes FROM"
                + " nightshift.maintenance_table_stats WHERE run_id = (SELECT max(id) FROM nightshift.maintenance_run)"
                + " AND table_name = 'events'");
    }

    private static String reasons(JsonNode report, String table) {
        JsonNode entry = MaintenanceFixture.table(report, table);
        assertThat(entry.get("bloatReliable").asBoolean()).as(table).isFalse();
        return entry.get("bloatUnreliableBecause").toString();
    }

    private static java.util.List<String> names(JsonNode findings) {
        java.util.List<String> names = new java.util.ArrayList<>();
        findings.forEach(f -> names.add(f.get("name").asString()));
        return names;
    }
}
