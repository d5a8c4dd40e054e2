package dev.nightshift.maintenance;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.TestPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A database to maintain ({@code dev/app}, and the same database as protected {@code prod/app}), a Nightshift
 * installation pointing at it, and builders for tables in the states maintenance cares about.
 */
final class MaintenanceFixture implements AutoCloseable {

    static final TestPostgres PG = TestPostgres.get();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String database;
    final NightshiftFixture nightshift;

    private MaintenanceFixture(String database, NightshiftFixture nightshift) {
        this.database = database;
        this.nightshift = nightshift;
    }

    /** @param maintenanceSettings lines under nightshift.maintenance, e.g. "window: 0s" */
    static MaintenanceFixture create(String... maintenanceSettings) {
        String database = PG.createDatabase("maint");
        NightshiftFixture.Builder builder = NightshiftFixture.builder()
                .environment("dev", new NightshiftFixture.Environment().database("app", database))
                // the same database as dev's, so the same data class: the test prod holds test data
                .environment("prod", new NightshiftFixture.Environment().database("app", database).protectedEnvironment()
                        .data("masked"))
                .dropOnClose(database);
        List<String> settings = new ArrayList<>(List.of("report-directory: {home}/reports"));
        settings.addAll(List.of(maintenanceSettings));
        builder.setting("maintenance:");
        settings.forEach(line -> builder.setting("  " + line));
        return new MaintenanceFixture(database, builder.build());
    }

    void sql(String statement) {
        PG.execute(database, statement);
    }

    long queryLong(String sql) {
        return PG.queryLong(database, sql);
    }

    /**
     * A table of {@code rows} rows (id, a 100-character payload, a number) without autovacuum, of which
     * {@code updatedEvery}-th rows were updated and {@code deletedEvery}-th deleted (0 = none), then analyzed
     * so that the statistics describe its rows.
     */
    MaintenanceFixture bloatedTable(String name, int rows, int updatedEvery, int deletedEvery) {
        String table = Identifiers.quote(name);
        sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, payload text NOT NULL, n integer NOT NULL)"
                + " WITH (autovacuum_enabled = false)");
        sql("INSERT INTO " + table + " SELECT g, repeat(md5(g::text), 3) || 'abcd', g % 1000 FROM generate_series(1, " + rows + ") g");
        if (updatedEvery > 0) {
            sql("UPDATE " + table + " SET n = n + 1 WHERE id % " + updatedEvery + " = 0");
        }
        if (deletedEvery > 0) {
            sql("DELETE FROM " + table + " WHERE id % " + deletedEvery + " = 1");
        }
        sql("ANALYZE " + table);
        awaitStatistics(name);
        return this;
    }

    /** Table statistics reach the shared statistics when the writing session ends; wait until they have. */
    void awaitStatistics(String table) {
        long deadline = System.currentTimeMillis() + 15_000;
        String sql = "SELECT count(*) FROM pg_stat_user_tables WHERE relname = '" + table.replace("'", "''")
                + "' AND n_tup_ins > 0";
        while (queryLong(sql) == 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("statistics of " + table + " never appeared");
            }
            sleep(100);
        }
    }

    long deadTuples(String table) {
        return queryLong("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = '" + table.replace("'", "''") + "'");
    }

    CliResult maintain(String... args) {
        List<String> full = new ArrayList<>(List.of("maintain"));
        full.addAll(List.of(args));
        return nightshift.cli(full.toArray(String[]::new));
    }

    Path reports() {
        return nightshift.home().resolve("reports");
    }

    /** The newest report file with this extension (html, md, json) under {@code directory}. */
    static Path newest(Path directory, String extension) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.toString().endsWith("." + extension))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no ." + extension + " report under " + directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode newestJson() {
        try {
            return JSON.readTree(Files.readString(newest(reports(), "json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode table(JsonNode report, String name) {
        for (JsonNode table : report.get("tables")) {
            if (table.get("name").asString().equals(name)) {
                return table;
            }
        }
        throw new AssertionError("table " + name + " is not in the report");
    }

    static JsonNode vacuum(JsonNode report, String name) {
        for (JsonNode entry : report.get("vacuum")) {
            if (entry.get("table").asString().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("table " + name + " is not in the report's VACUUM list: " + report.get("vacuum"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        nightshift.close();
    }
}
