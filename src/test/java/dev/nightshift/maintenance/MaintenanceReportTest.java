package dev.nightshift.maintenance;

import dev.nightshift.testsupport.CliResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** What the report shows about tables and indexes, measured against pgstattuple on a real database. */
class MaintenanceReportTest {

    MaintenanceFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

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
        assertThat(Files.readString(MaintenanceFixture.newest(fixture.reports(), "md"))).contains("orders");
    }
}
