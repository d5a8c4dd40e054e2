package dev.nightshift.maintenance;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** VACUUM FULL only for a named table and only with confirmation on protected environments; alerts exit 1. */
class MaintenanceSafetyTest {

    @AutoClose
    MaintenanceFixture fixture;

    @Test
    void vacuumFullOnAProtectedEnvironmentIsRefusedWithoutConfirmation() {
        // given the database as protected prod, with a bloated table
        fixture = MaintenanceFixture.create();
        fixture.bloatedTable("orders", 5_000, 2, 0);
        long sizeBefore = fixture.queryLong("SELECT pg_relation_size('orders')");

        // when
        CliResult result = fixture.maintain("--env", "prod", "--vacuum-full", "public.orders");

        // then refused (exit 3) before anything ran: no VACUUM, no report
        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.err()).contains("protected").contains("--confirm-production").contains("VACUUM FULL");
        assertThat(fixture.deadTuples("orders")).isGreaterThan(2_000);
        assertThat(fixture.queryLong("SELECT pg_relation_size('orders')")).isEqualTo(sizeBefore);
        assertThat(Files.exists(fixture.reports())).isFalse();
    }

    @Test
    void vacuumFullRunsOnlyOnTheNamedTableWhenConfirmed() {
        // given two bloated tables
        fixture = MaintenanceFixture.create();
        fixture.bloatedTable("orders", 10_000, 1, 0).bloatedTable("invoices", 10_000, 1, 0);
        long ordersBefore = fixture.queryLong("SELECT pg_relation_size('orders')");
        long invoicesBefore = fixture.queryLong("SELECT pg_relation_size('invoices')");

        // when
        CliResult result = fixture.maintain("--env", "prod", "--vacuum-full", "orders", "--confirm-production");

        // then orders was rewritten (smaller), invoices got a plain VACUUM (same size)
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(fixture.queryLong("SELECT pg_relation_size('orders')")).isLessThan(ordersBefore * 3 / 4);
        assertThat(fixture.queryLong("SELECT pg_relation_size('invoices')")).isEqualTo(invoicesBefore);
        JsonNode report = fixture.newestJson();
        assertThat(MaintenanceFixture.vacuum(report, "orders").get("command").asString()).startsWith("VACUUM (FULL, ");
        assertThat(MaintenanceFixture.vacuum(report, "invoices").get("command").asString()).doesNotContain("FULL");
    }

    @Test
    void anUnknownVacuumFullTableOrOneWithReportOnlyIsAUsageError() {
        fixture = MaintenanceFixture.create();

        CliResult unknown = fixture.maintain("--env", "dev", "--vacuum-full", "public.nope");
        CliResult both = fixture.maintain("--env", "dev", "--vacuum-full", "public.nope", "--report-only");

        assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(2);
        assertThat(unknown.err()).contains("public.nope").contains("no such table");
        assertThat(both.exitCode()).as(both.all()).isEqualTo(2);
        assertThat(both.err()).contains("--report-only");
    }

    @Test
    void aTransactionIdAgeAboveTheAlertThresholdFailsTheRunWithTheReasonAfterTheReport() {
        // given an alert threshold every table exceeds
        fixture = MaintenanceFixture.create("alert-xid-age: 1");
        fixture.bloatedTable("orders", 100, 0, 0);

        // when
        CliResult result = fixture.maintain("--env", "dev", "--report-only");

        // then exit 1 naming the table and the condition; the report was written and lists the alert
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains("public.orders").contains("transaction-id age").contains("alert-xid-age")
                .contains("report: ");
        JsonNode report = fixture.newestJson();
        assertThat(report.get("alerts").toString()).contains("public.orders");
    }

    @Test
    void aReportDirectoryThatCannotBeCreatedIsAConfigurationErrorBeforeAnythingIsVacuumed() throws Exception {
        // given a bloated table, and a report directory below a plain file
        fixture = MaintenanceFixture.create();
        fixture.bloatedTable("orders", 5_000, 2, 0);
        java.nio.file.Path file = fixture.nightshift.home().resolve("not-a-directory");
        Files.writeString(file, "x");

        // when
        CliResult result = fixture.maintain("--env", "dev", "--report-dir", file.resolve("reports").toString());

        // then exit 2 naming the directory and the settings; the table was not vacuumed
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("report directory").contains("--report-dir");
        assertThat(fixture.deadTuples("orders")).isGreaterThan(2_000);
    }
}
