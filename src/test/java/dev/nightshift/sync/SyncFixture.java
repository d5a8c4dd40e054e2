package dev.nightshift.sync;

import dev.nightshift.demo.DemoDatabase;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A production database filled with the demo's fake personal data, a staging database holding something
 * recognisable, and a Nightshift configured to sync one into the other. Builder options choose the rules,
 * salt and chunking each test needs.
 */
final class SyncFixture implements AutoCloseable {

    static final TestPostgres PG = TestPostgres.get();
    static final String SALT = "test-salt-0123456789abcdef";

    final String prod;
    final String staging;
    final NightshiftFixture nightshift;

    private SyncFixture(String prod, String staging, NightshiftFixture nightshift) {
        this.prod = prod;
        this.staging = staging;
        this.nightshift = nightshift;
    }

    static Builder builder() {
        return new Builder();
    }

    String incoming() {
        return staging + "__incoming";
    }

    String previous() {
        return staging + "__previous";
    }

    boolean exists(String database) {
        return PG.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'") == 1;
    }

    Path workDirectory() {
        return nightshift.home().resolve("sync");
    }

    Path reports() {
        return workDirectory().resolve("reports");
    }

    @Override
    public void close() {
        nightshift.close();
    }

    static final class Builder {
        private final List<String> topLevel = new ArrayList<>();
        private Path rules = Path.of("jobs/masking");
        private String salt = SALT;
        private int users = 300;
        private String schemaSql;
        private final List<String> settings = new ArrayList<>();
        private boolean prodProtected = true;
        private boolean stagingProtected;

        /** A rules directory (default: the repository's jobs/masking). */
        Builder rules(Path directory) {
            this.rules = directory;
            return this;
        }

        Builder salt(String salt) {
            this.salt = salt;
            return this;
        }

        Builder users(int users) {
            this.users = users;
            return this;
        }

        /** Instead of the demo schema and data, this SQL makes the production database. */
        Builder schema(String sql) {
            this.schemaSql = sql;
            return this;
        }

        /** An extra line under nightshift.sync (e.g. "chunk-rows: 100"). */
        Builder sync(String line) {
            settings.add(line);
            return this;
        }

        /** A line directly under nightshift: (e.g. "migration: {seed-directory: /x}"). */
        Builder setting(String line) {
            this.topLevel.add(line);
            return this;
        }

        Builder stagingProtected() {
            this.stagingProtected = true;
            return this;
        }

        SyncFixture build() {
            String prod = PG.createDatabase("sync_prod");
            String staging = PG.createDatabase("sync_staging");
            try (Connection c = PG.connect(prod)) {
                if (schemaSql == null) {
                    DemoDatabase.createSchema(c);
                    DemoDatabase.fill(c, users, 42);
                } else {
                    c.createStatement().execute(schemaSql);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            PG.execute(staging, "CREATE TABLE staging_marker (note text); INSERT INTO staging_marker VALUES ('old staging')");
            // the test cluster is prod's and staging's server: the test prod holds demo data
            Environment prodEnvironment = new Environment().database("auth", prod).data("masked");
            if (prodProtected) {
                prodEnvironment.protectedEnvironment();
            }
            Environment stagingEnvironment = new Environment().database("auth", staging).data("masked");
            if (stagingProtected) {
                stagingEnvironment.protectedEnvironment();
            }
            try {
                Path saltFile = Files.createTempFile("salt", ".txt");
                Files.writeString(saltFile, salt);
                StringBuilder sync = new StringBuilder("sync: {rules-directory: \"" + rules.toAbsolutePath()
                        + "\", salt-file: \"" + saltFile + "\"");
                if (settings.stream().noneMatch(s -> s.startsWith("work-directory:"))) {
                    sync.append(", work-directory: \"%WORK%\"");
                }
                settings.forEach(s -> sync.append(", ").append(s));
                sync.append("}");
                var builder = NightshiftFixture.builder()
                        .environment("prod", prodEnvironment)
                        .environment("staging", stagingEnvironment)
                        .dropOnClose(prod).dropOnClose(staging)
                        .dropOnClose(staging + "__incoming").dropOnClose(staging + "__previous")
                        .setting(sync.toString().replace("%WORK%", "{home}/sync"));
                topLevel.forEach(builder::setting);
                var fixture = builder.build();
                return new SyncFixture(prod, staging, fixture);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
