package dev.nightshift.cli;

import dev.nightshift.postgres.Identifiers;
import dev.nightshift.postgres.LocalCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;

/**
 * The demo's folder: its private cluster, the configuration that points Nightshift at it, the masking salt
 * (generated, private, never in the configuration itself), backups, reports and the tour's logs.
 */
record DemoHome(Path dir) {

    static final String OPS_DATABASE = "nightshift_ops";

    Path cluster() {
        return dir.resolve("pg");
    }

    Path config() {
        return dir.resolve("nightshift.yml");
    }

    Path backups() {
        return dir.resolve("backups");
    }

    Path reports() {
        return dir.resolve("reports");
    }

    Path logs() {
        return dir.resolve("logs");
    }

    boolean fresh() {
        return !Files.exists(dir.resolve("password"));
    }

    /** The superuser password of the demo cluster, created on first use (random, readable by the owner only). */
    String password() throws IOException {
        Path file = dir.resolve("password");
        if (!Files.exists(file)) {
            writePrivate(file, UUID.randomUUID().toString());
        }
        return Files.readString(file).strip();
    }

    /** A random 32-byte masking salt in a private file the configuration points at (the salt-file setting). */
    Path salt() throws IOException {
        Path file = dir.resolve("masking-salt");
        if (!Files.exists(file)) {
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            writePrivate(file, Base64.getEncoder().encodeToString(salt));
        }
        return file;
    }

    Connection connect(LocalCluster cluster, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", cluster.superuser());
        props.setProperty("password", cluster.password());
        return DriverManager.getConnection(cluster.jdbcUrl(database), props);
    }

    void createDatabases(LocalCluster cluster, String... names) throws SQLException {
        try (Connection admin = connect(cluster, "postgres")) {
            for (String db : names) {
                admin.createStatement().execute("CREATE DATABASE " + Identifiers.quote(db));
            }
        }
    }

    void delete() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
