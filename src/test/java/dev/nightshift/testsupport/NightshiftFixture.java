package dev.nightshift.testsupport;

import dev.nightshift.cli.NightshiftCli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Nightshift installation for one test: its own ops database, backup directory and configuration file,
 * with environments pointing at databases of the test cluster. Build it with {@link #builder()}.
 */
public final class NightshiftFixture implements AutoCloseable {

    private final TestPostgres pg = TestPostgres.get();
    private final Path home;
    private final Path config;
    private final String opsDatabase;
    private final List<String> createdDatabases;

    private NightshiftFixture(Path home, Path config, String opsDatabase, List<String> createdDatabases) {
        this.home = home;
        this.config = config;
        this.opsDatabase = opsDatabase;
        this.createdDatabases = createdDatabases;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path home() {
        return home;
    }

    public Path config() {
        return config;
    }

    public Path backupDirectory() {
        return home.resolve("backups");
    }

    public String opsDatabase() {
        return opsDatabase;
    }

    public TestPostgres pg() {
        return pg;
    }

    /** Runs a command line in this JVM, capturing its output and its log lines. */
    public synchronized CliResult cli(String... args) {
        List<String> full = new ArrayList<>(List.of("--config", config.toString()));
        full.addAll(List.of(args));
        return cliWithoutConfig(full.toArray(String[]::new));
    }

    /** Runs a command line in this JVM as {@link #cli} does, but with no configuration file of a fixture. */
    public static synchronized CliResult cliWithoutConfig(String... full) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(capturedOut);
            System.setErr(capturedErr);
            int code = NightshiftCli.execute(new PrintWriter(capturedOut, true), new PrintWriter(capturedErr, true), full);
            return new CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            originalOut.print(out.toString(StandardCharsets.UTF_8));
            originalErr.print(err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Starts a command line in a separate JVM, for tests that kill it. Output goes to files under home. */
    public Process spawn(String... args) {
        return spawn(Map.of(), args);
    }

    /** The same, with extra environment variables, e.g. {@code NIGHTSHIFT_FAILPOINT}. */
    public Process spawn(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(SpawnedJvm.command());
        command.addAll(List.of("--config", config.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            return builder
                    .redirectOutput(home.resolve("spawn-out.log").toFile())
                    .redirectError(home.resolve("spawn-err.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a spawned backup of {@code environment}/{@code logical} is dumping (its .partial artifact
     * exists), failing if the process ends first.
     */
    public void awaitPartialArtifact(Process process, String environment, String logical) throws InterruptedException {
        Path folder = backupDirectory().resolve(environment + "/" + logical);
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the backup ended early: " + spawnOutput());
            }
            if (Files.isDirectory(folder)) {
                try (var files = Files.list(folder)) {
                    if (files.anyMatch(f -> f.toString().endsWith(".partial"))) {
                        return;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the backup never started dumping: " + spawnOutput());
    }

    /** The ops database as a plain DataSource, for a test that takes a lock in it. */
    public javax.sql.DataSource opsDataSource() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl(opsDatabase));
        ds.setUser(pg.user());
        ds.setPassword(pg.password());
        return ds;
    }

    /** The status of every job execution in the ops database, oldest first. */
    public List<String> executionStatuses() {
        List<String> statuses = new ArrayList<>();
        try (var c = pg.connect(opsDatabase);
             var rs = c.createStatement().executeQuery("SELECT status FROM nightshift.batch_job_execution ORDER BY job_execution_id")) {
            while (rs.next()) {
                statuses.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return statuses;
    }

    public String spawnOutput() {
        try {
            return Files.readString(home.resolve("spawn-out.log")) + Files.readString(home.resolve("spawn-err.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        createdDatabases.forEach(pg::dropDatabase);
        pg.dropDatabase(opsDatabase);
    }

    /** An environment of the fixture: its databases (logical name to real name) and settings. */
    public static final class Environment {
        private final Map<String, String> databases = new LinkedHashMap<>();
        private boolean protectedEnvironment;
        private String data;
        private String host;
        private String password;
        private Integer port;
        private final List<String> settings = new ArrayList<>();

        /** An extra line under the environment, for example {@code "seeds: staging"}. */
        public Environment setting(String yamlLine) {
            settings.add(yamlLine);
            return this;
        }

        public Environment database(String logical, String database) {
            databases.put(logical, database);
            return this;
        }

        public Environment protectedEnvironment() {
            this.protectedEnvironment = true;
            return this;
        }

        /**
         * The environment's {@code data:} class (unset: Nightshift's default, production when protected).
         * Every fixture environment lives on the one test cluster, and environments sharing a server must
         * share a data class: a test that copies a protected prod's data to another environment declares the
         * test prod {@code masked} (it holds demo data), as a real setup would not.
         */
        public Environment data(String dataClass) {
            this.data = dataClass;
            return this;
        }

        /** Another spelling of the test cluster's host (e.g. 127.0.0.1 for localhost), or another host. */
        public Environment host(String host) {
            this.host = host;
            return this;
        }

        public Environment password(String password) {
            this.password = password;
            return this;
        }

        public Environment port(int port) {
            this.port = port;
            return this;
        }
    }

    public static final class Builder {
        private final Map<String, Environment> environments = new LinkedHashMap<>();
        private final List<String> extraYaml = new ArrayList<>();
        private final List<String> topLevel = new ArrayList<>();
        private final List<String> createdDatabases = new ArrayList<>();
        private String opsHost;
        private int opsPort;

        /** Reaches the ops database through another host and port (a {@link FaultProxy}, say). */
        public Builder opsThrough(String host, int port) {
            this.opsHost = host;
            this.opsPort = port;
            return this;
        }

        public Builder environment(String name, Environment environment) {
            environments.put(name, environment);
            return this;
        }

        /** Extra lines under {@code nightshift.backup:}, for example {@code "verify: restore"}. */
        public Builder backupSetting(String yamlLine) {
            extraYaml.add(yamlLine);
            return this;
        }

        /**
         * Extra lines directly under {@code nightshift:} (indented for you), e.g. {@code "postgres: {bin-dir: /x}"};
         * {@code {home}} stands for the fixture's home directory.
         */
        public Builder setting(String yamlLine) {
            topLevel.add(yamlLine);
            return this;
        }

        /** Drops {@code database} when the fixture closes. */
        public Builder dropOnClose(String database) {
            createdDatabases.add(database);
            return this;
        }

        public NightshiftFixture build() {
            TestPostgres pg = TestPostgres.get();
            try {
                Path home = Files.createTempDirectory("nightshift-test");
                String ops = OpsTemplate.copy(pg);
                StringBuilder yaml = new StringBuilder();
                yaml.append("nightshift:\n");
                String opsUrl = opsHost == null ? pg.jdbcUrl(ops) : "jdbc:postgresql://" + opsHost + ":" + opsPort + "/" + ops;
                yaml.append("  ops-database: {url: \"").append(opsUrl).append("\", username: ")
                        .append(pg.user()).append(", password: \"").append(pg.password()).append("\"}\n");
                yaml.append("  backup:\n    directory: ").append(home.resolve("backups")).append('\n');
                extraYaml.forEach(line -> yaml.append("    ").append(line).append('\n'));
                topLevel.forEach(line -> yaml.append("  ").append(line.replace("{home}", home.toString())).append('\n'));
                yaml.append("  environments:\n");
                environments.forEach((name, env) -> {
                    yaml.append("    ").append(name).append(":\n");
                    yaml.append("      host: ").append(env.host == null ? pg.host() : env.host).append('\n');
                    yaml.append("      port: ").append(env.port == null ? pg.port() : env.port).append('\n');
                    yaml.append("      username: ").append(pg.user()).append('\n');
                    if (env.password == null || !env.password.isEmpty()) {
                        yaml.append("      password: \"").append(env.password == null ? pg.password() : env.password).append("\"\n");
                    }
                    yaml.append("      protected: ").append(env.protectedEnvironment).append('\n');
                    if (env.data != null) {
                        yaml.append("      data: ").append(env.data).append('\n');
                    }
                    env.settings.forEach(line -> yaml.append("      ").append(line).append('\n'));
                    yaml.append("      databases:\n");
                    env.databases.forEach((logical, db) -> yaml.append("        ").append(logical).append(": ").append(db).append('\n'));
                });
                Path config = home.resolve("nightshift.yml");
                Files.writeString(config, yaml);
                return new NightshiftFixture(home, config, ops, createdDatabases);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
