package dev.nightshift.maintenance;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report opens in a real browser, offline, without console errors. */
class HtmlReportChromiumTest {

    @AutoClose
    MaintenanceFixture fixture;

    @Test
    void theHarnessDetectsADeliberateJavaScriptErrorAndAFailedResource(@TempDir Path dir) throws Exception {
        // given pages that are broken on purpose: a script error, a stylesheet from the network
        Path scriptError = dir.resolve("script-error.html");
        Files.writeString(scriptError, "<!DOCTYPE html><html><head><title>x</title></head><body><p>hello</p>"
                + "<script>notDefinedAnywhere();</script></body></html>");
        Path networkResource = dir.resolve("network.html");
        Files.writeString(networkResource, "<!DOCTYPE html><html><head><title>x</title>"
                + "<link rel=\"stylesheet\" href=\"https://cdn.example.com/style.css\"></head><body>hi</body></html>");

        // when
        HeadlessChromium.Page script = HeadlessChromium.open(scriptError);
        HeadlessChromium.Page network = HeadlessChromium.open(networkResource);

        // then both are caught
        assertThat(script.consoleErrors()).isNotEmpty();
        assertThat(String.join(" ", script.consoleErrors())).contains("notDefinedAnywhere");
        assertThat(String.join(" ", network.consoleErrors())).contains("cdn.example.com");
    }

    @Test
    void theMaintenanceReportRendersWithoutConsoleErrors() throws Exception {
        // given a report with every section filled: a vacuum, a skipped table's advice, index findings, charts
        fixture = MaintenanceFixture.create("alert-invalid-indexes: false");
        fixture.sql("CREATE EXTENSION pgstattuple");
        fixture.bloatedTable("orders", 10_000, 2, 5).bloatedTable("weird <b>\"name\"</b>", 2_000, 3, 0);
        fixture.sql("CREATE TABLE refs (id bigint PRIMARY KEY, order_id bigint REFERENCES orders)");
        fixture.sql("CREATE INDEX orders_n ON orders (n)");
        fixture.sql("CREATE INDEX orders_n_again ON orders (n)");
        CliResult first = fixture.maintain("--env", "dev");
        assertThat(first.exitCode()).as(first.all()).isZero();
        MaintenanceFixture.sleep(1_100);
        fixture.sql("UPDATE orders SET n = n + 1");
        CliResult second = fixture.maintain("--env", "dev", "--report-only");
        assertThat(second.exitCode()).as(second.all()).isZero();
        Path html = MaintenanceFixture.newest(fixture.reports(), "html");

        // when
        HeadlessChromium.Page page = HeadlessChromium.open(html);

        // then no console errors, and what people look for is on the page (the odd table name escaped)
        assertThat(page.consoleErrors()).isEmpty();
        assertThat(page.dom()).contains("<svg").contains("Recommendations").contains("public.orders")
                .contains("orders_n_again").contains("weird &lt;b&gt;");
        String source = Files.readString(html);
        assertThat(source).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
    }
}
