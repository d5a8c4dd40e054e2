package dev.nightshift.migration;

import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database with an {@code account} table of {@code rows} rows (integer key), an {@code device} table
 * (uuid key) and a {@code membership} table (composite key), every row with a {@code touched} counter so a
 * test can prove each row was migrated exactly once; migration files and a Nightshift installation around it.
 */
final class MigrationFixture implements AutoCloseable {

    static final String TOUCH_ACCOUNTS = """
            description: Mark every account once (the test counts the marks)
            database: app
            table: public.account
            key: id
            params:
              tag: {type: string, default: done, allowed: [done, again], description: what to write into note}
              bonus: {type: integer, default: "1", min: 0, max: 10}
            batch: "UPDATE account SET touched = touched + :bonus, note = :tag WHERE id > :from AND id <= :to"
            remaining: "SELECT count(*) FROM account WHERE touched = 0"
            """;

    final TestPostgres pg = TestPostgres.get();
    final String database;
    final NightshiftFixture nightshift;
    final Path migrations;

    private MigrationFixture(String database, NightshiftFixture nightshift, Path migrations) {
        this.database = database;
        this.nightshift = nightshift;
        this.migrations = migrations;
    }

    static Builder builder() {
        return new Builder();
    }

    long query(String sql) {
        return pg.queryLong(database, sql);
    }

    void execute(String sql) {
        pg.execute(database, sql);
    }

    long executions() {
        return pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.batch_job_execution");
    }

    long lastExecution() {
        return pg.queryLong(nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
    }

    void writeMigration(String name, String yaml) {
        try {
            Files.writeString(migrations.resolve(name + ".yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nightshift.close();
    }

    static final class Builder {
        private int rows = 1000;
        private boolean protectedEnvironment;
        private final Map<String, String> migrationFiles = new LinkedHashMap<>(Map.of("touch_accounts", TOUCH_ACCOUNTS));
        private final List<String> settings = new ArrayList<>();

        Builder rows(int rows) {
            this.rows = rows;
            return this;
        }

        Builder protectedEnvironment() {
            this.protectedEnvironment = true;
            return this;
        }

        Builder migration(String name, String yaml) {
            migrationFiles.put(name, yaml);
            return this;
        }

        /** Lines under nightshift.migration, e.g. {@code "lock-timeout: 300ms"}. */
        Builder setting(String line) {
            settings.add(line);
            return this;
        }

        MigrationFixture build() {
            TestPostgres pg = TestPostgres.get();
            String database = pg.createDatabase("migration");
            pg.execute(database, """
                    CREATE TABLE account (id bigint PRIMARY KEY, email text NOT NULL, touched int NOT NULL DEFAULT 0, note text);
                    INSERT INTO account (id, email) SELECT g * 3, 'user' || g || '@example.com' FROM generate_series(1, %d) g;
                    CREATE TABLE device (id uuid PRIMARY KEY, touched int NOT NULL DEFAULT 0);
                    INSERT INTO device (id) SELECT md5(g::text)::uuid FROM generate_series(1, %d) g;
                    CREATE TABLE membership (tenant text NOT NULL, member int NOT NULL, touched int NOT NULL DEFAULT 0,
                                             PRIMARY KEY (tenant, member));
                    INSERT INTO membership (tenant, member) SELECT 'tenant-' || (g %% 7), g FROM generate_series(1, %d) g;
                    ANALYZE;
                    """.formatted(rows, rows, rows));
            try {
                Path migrations = Files.createTempDirectory("nightshift-migrations");
                for (Map.Entry<String, String> file : migrationFiles.entrySet()) {
                    Files.writeString(migrations.resolve(file.getKey() + ".yml"), file.getValue());
                }
                Environment env = new Environment().database("app", database);
                if (protectedEnvironment) {
                    env.protectedEnvironment();
                }
                StringBuilder migration = new StringBuilder("migration: {directory: " + migrations + ", progress-interval: 1s");
                settings.forEach(s -> migration.append(", ").append(s));
                migration.append('}');
                NightshiftFixture nightshift = NightshiftFixture.builder()
                        .environment("prod", env)
                        .setting(migration.toString())
                        .dropOnClose(database)
                        .build();
                return new MigrationFixture(database, nightshift, migrations);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
