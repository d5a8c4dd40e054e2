package dev.nightshift.migration.schema;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dependencies.yml: services' schema migrations in dependency order, stopping at the first failure. */
class SchemaOrderTest {

    final TestPostgres pg = TestPostgres.get();
    Path schemaDirectory;
    NightshiftFixture nightshift;
    final Map<String, String> databases = new LinkedHashMap<>();

    @AfterEach
    void cleanUp() {
        if (nightshift != null) {
            nightshift.close();
        }
    }

    @Test
    void theOrderIsTopologicalAndOtherwiseKeepsTheGivenOrder() {
        Map<String, List<String>> dependencies = Map.of("auth", List.of(), "user", List.of("auth"), "billing", List.of("user"));

        List<PgTarget> ordered = SchemaOrder.sorted(targets("billing", "search", "user", "auth"), dependencies);

        assertThat(ordered).extracting(PgTarget::logicalName).containsExactly("search", "auth", "user", "billing");
    }

    @Test
    void aCycleIsNamedWithItsPath() {
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        dependencies.put("auth", List.of());
        dependencies.put("user", List.of("billing"));
        dependencies.put("billing", List.of("auth", "user"));

        assertThatThrownBy(() -> SchemaOrder.requireAcyclic(Path.of("dependencies.yml"), dependencies))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cycle: user -> billing -> user");
    }

    @Test
    void migrateRunsInDependencyOrderAndStopsAtTheFirstFailure() throws Exception {
        // given billing depends on user, user on auth; listed in the opposite order; user's migration fails
        given("billing", "user", "auth");
        migration("auth", "CREATE TABLE accounts (id bigint PRIMARY KEY);");
        migration("user", "CREATE TABLE profiles (id bigint PRIMARY KEY, broken no_such_type);");
        migration("billing", "CREATE TABLE invoices (id bigint PRIMARY KEY);");
        Files.writeString(schemaDirectory.resolve("dependencies.yml"), "auth: []\nuser: [auth]\nbilling: [user]\n");

        // when migrating the whole environment
        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "migrate");

        // then auth migrated first, user failed, and billing was not started
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(tableCount("auth", "accounts")).isEqualTo(1);
        assertThat(result.err()).contains("prod/user").contains("schema migration failed")
                .contains("not migrated, since user failed first: billing");
        assertThat(tableCount("billing", "flyway_schema_history")).isZero();
        assertThat(result.out().indexOf("prod/auth")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aCycleInTheFileIsAConfigurationErrorAndNothingMigrates() throws Exception {
        given("auth", "user");
        migration("auth", "CREATE TABLE accounts (id bigint PRIMARY KEY);");
        migration("user", "CREATE TABLE profiles (id bigint PRIMARY KEY);");
        Files.writeString(schemaDirectory.resolve("dependencies.yml"), "auth: [user]\nuser: [auth]\n");

        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "migrate");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("dependency cycle: auth -> user -> auth");
        assertThat(tableCount("auth", "accounts")).isZero();
    }

    @Test
    void anUnknownNameInTheFileIsAConfigurationError() throws Exception {
        given("auth", "user");
        migration("auth", "CREATE TABLE accounts (id bigint PRIMARY KEY);");
        migration("user", "CREATE TABLE profiles (id bigint PRIMARY KEY);");
        Files.writeString(schemaDirectory.resolve("dependencies.yml"), "auth: []\nuser: [auht]\n");

        CliResult result = nightshift.cli("migrate-schema", "--env", "prod", "migrate");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("unknown database 'auht'");
        assertThat(tableCount("auth", "accounts")).isZero();
    }

    private long tableCount(String logical, String table) {
        return pg.queryLong(databases.get(logical), "SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'");
    }

    private void migration(String logical, String sql) throws IOException {
        Files.createDirectories(schemaDirectory.resolve(logical));
        Files.writeString(schemaDirectory.resolve(logical).resolve("V001__initial_schema.sql"), sql + "\n");
    }

    private void given(String... logicalNames) throws IOException {
        schemaDirectory = Files.createTempDirectory("nightshift-schema");
        Environment env = new Environment();
        NightshiftFixture.Builder builder = NightshiftFixture.builder();
        for (String logical : logicalNames) {
            String database = pg.createDatabase("order_" + logical);
            databases.put(logical, database);
            env.database(logical, database);
            builder.dropOnClose(database);
        }
        nightshift = builder.environment("prod", env).setting("migration: {schema-directory: " + schemaDirectory + "}").build();
    }

    private static List<PgTarget> targets(String... names) {
        return java.util.Arrays.stream(names)
                .map(n -> new PgTarget("prod", n, n, "localhost", 5432, "u", "p", "disable", false)).toList();
    }
}
