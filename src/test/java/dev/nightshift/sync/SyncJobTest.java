package dev.nightshift.sync;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/** A sync of the demo's production-like schema: masked, verified, swapped in. */
class SyncJobTest {

    static SyncFixture fixture;

    @BeforeAll
    static void environments() {
        fixture = SyncFixture.builder().sync("chunk-rows: 500").build();
    }

    @AfterAll
    static void cleanUp() {
        fixture.close();
    }

    @Test
    void liveSyncMasksVerifiesAndSwapsIn() throws Exception {
        // given production with personal data and a staging database in use
        Map<String, Long> prodCounts = DatabaseSnapshot.rowCounts(fixture.prod);

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");

        // then
        assertThat(result.exitCode()).as(result.all()).isZero();
        Map<String, Long> stagingCounts = DatabaseSnapshot.rowCounts(fixture.staging);
        assertThat(stagingCounts.get("public.users")).isEqualTo(prodCounts.get("public.users"));
        assertThat(stagingCounts.get("public.sessions")).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM users WHERE email NOT LIKE 'user\\_%@test.example.com'")).isZero();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM oauth_providers WHERE client_secret NOT LIKE 'masked_secret_%'")).isZero();
        // comments are not copied unless nightshift.sync.copy-comments asks for them
        assertThat(DatabaseSnapshot.schema(fixture.staging)).isEqualTo(DatabaseSnapshot.schema(fixture.prod)
                .lines().filter(l -> !l.startsWith("COMMENT ON ")).collect(java.util.stream.Collectors.joining("\n")));
        assertThat(PG.queryLong(fixture.previous(), "SELECT count(*) FROM staging_marker")).isEqualTo(1);
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        Path report;
        try (var files = Files.list(fixture.reports())) {
            report = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        SyncReport parsed = SyncReport.read(report);
        assertThat(parsed.passed()).isTrue();
        assertThat(parsed.tables()).anySatisfy(t -> {
            assertThat(t.table()).isEqualTo("public.users");
            assertThat(t.valuesChecked()).isPositive();
            assertThat(t.leaks()).isEmpty();
        });
    }

    @Test
    void checkValidatesTheRulesAndShowsMaskedSamplesWritingNothing() {
        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--database", "auth", "--check");

        // then the rules fit, and five masked rows per masked table are shown, without their originals
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("the masking rules cover the schema").contains("public.users:")
                .containsPattern("(?m)^  email: user_\\d+@test.example.com$")
                .contains("client_secret:")
                .doesNotContain("  ->  ");
        assertThat(result.out().lines().filter(l -> l.startsWith("  email:")).count()).isEqualTo(5);
        for (String original : originals()) {
            assertThat(result.all()).as("pod logs never see an original value").doesNotContain(original);
        }
        assertThat(fixture.exists(fixture.incoming())).isFalse();
    }

    @Test
    void checkShowsOriginalsOnlyWhenAskedExplicitly() {
        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--database", "auth",
                "--check", "--show-originals");

        // then each sample shows its original next to the masked value
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).containsPattern("email: \\S+@\\S+  ->  user_\\d+@test.example.com");
    }

    @Test
    void showOriginalsWithoutCheckIsAUsageError() {
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--show-originals");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("--show-originals").contains("--check");
        assertThat(fixture.exists(fixture.incoming())).isFalse();
    }

    /** Every original value of the masked text columns of users and oauth_providers. */
    private List<String> originals() {
        List<String> values = new java.util.ArrayList<>();
        try (var c = PG.connect(fixture.prod); var rs = c.createStatement().executeQuery(
                "SELECT email FROM users UNION ALL SELECT name FROM users UNION ALL SELECT phone FROM users"
                        + " WHERE phone IS NOT NULL UNION ALL SELECT client_secret FROM oauth_providers")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(values).isNotEmpty();
        return values;
    }

    @Test
    void withoutAnySaltTheSyncIsAConfigurationErrorBeforeAnythingRuns() {
        // given a configuration whose salt variable is not set
        CliResult result = fixture.nightshift.cli("--config", writeConfig("nightshift:\n  sync: {salt-file: null, salt-env: NIGHTSHIFT_TEST_UNSET_SALT}\n"),
                "sync", "--from", "prod", "--to", "staging", "--source", "live");

        // then
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("NIGHTSHIFT_TEST_UNSET_SALT");
    }

    private static String writeConfig(String yaml) {
        try {
            Path file = Files.createTempFile("extra", ".yml");
            Files.writeString(file, yaml);
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
