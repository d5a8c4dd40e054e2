package dev.nightshift.migration.seed;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.EnvironmentProperties;
import dev.nightshift.config.NightshiftProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Environment seed data: {@code <seed-directory>/<logical-db>/<class>/*.sql}, class one of essential, development,
 * staging, production. Files run in name order, each in its own transaction together with its row in
 * {@code nightshift_seed_history} (in the seeded database); a file already applied with the same checksum is
 * skipped, a changed one runs again, so seed files must be idempotent.
 */
@Component
public class SeedRunner {

    public static final String ESSENTIAL = "essential";
    public static final List<String> CLASSES = List.of(ESSENTIAL, "development", "staging", "production");
    /** {@code seeds: none}: the environment gets only the essential seeds. */
    public static final String NONE = "none";

    private final NightshiftProperties properties;

    SeedRunner(NightshiftProperties properties) {
        this.properties = properties;
    }

    /**
     * The seed class of an environment: its {@code seeds} setting, else its name when that is a class
     * (dev and prod stand for development and production); null when it has none.
     */
    public String seedClassOf(String environment) {
        EnvironmentProperties env = properties.environments().get(environment);
        String configured = env == null ? null : env.seeds();
        if (configured != null && !configured.isBlank()) {
            String seedClass = configured.strip().toLowerCase(Locale.ROOT);
            if (seedClass.equals(NONE)) {
                return null;
            }
            if (!CLASSES.contains(seedClass) || seedClass.equals(ESSENTIAL)) {
                throw new ConfigurationException("nightshift.environments." + environment + ".seeds is '" + configured
                        + "'; it must be development, staging, production or none (essential seeds always run)");
            }
            return seedClass;
        }
        String name = environment.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "dev", "development" -> "development";
            case "staging" -> "staging";
            case "prod", "production" -> "production";
            default -> null;
        };
    }

    /**
     * Applies the essential seeds of {@code logicalDatabase}, then those of {@code seedClass} (null: essential
     * only), on {@code connection}, which must have no open transaction. Throws on the first file that fails;
     * that file's transaction is rolled back, the files before it stay applied and recorded.
     */
    public SeedReport apply(Connection connection, String logicalDatabase, String seedClass) throws SQLException {
        List<String> classes = seedClass == null || seedClass.equals(ESSENTIAL) ? List.of(ESSENTIAL) : List.of(ESSENTIAL, seedClass);
        if (classes.stream().noneMatch(cls -> has(logicalDatabase, cls))) {
            return new SeedReport(List.of(), List.of()); // a database without seeds gets no history table either
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        List<String> applied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            SeedHistory history = SeedHistory.open(connection);
            for (String cls : classes) {
                Map<String, String> done = history.applied(cls);
                for (Path file : files(logicalDatabase, cls)) {
                    String name = file.getFileName().toString();
                    String sql = read(file);
                    String checksum = sha256(sql);
                    if (checksum.equals(done.get(name))) {
                        skipped.add(cls + "/" + name);
                        continue;
                    }
                    runInTransaction(connection, history, cls, name, sql, checksum);
                    applied.add(cls + "/" + name);
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new SeedReport(applied, skipped);
    }

    private static void runInTransaction(Connection connection, SeedHistory history, String cls, String name, String sql,
                                         String checksum) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            history.record(cls, name, checksum);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("seed " + cls + "/" + name + " failed and was rolled back: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Whether {@code logicalDatabase} has seed files of {@code seedClass}. */
    public boolean has(String logicalDatabase, String seedClass) {
        return !files(logicalDatabase, seedClass).isEmpty();
    }

    /** The files of one class, in name order; none when the directory does not exist. */
    List<Path> files(String logicalDatabase, String seedClass) {
        Path directory = properties.migration().seedDirectory().resolve(logicalDatabase).resolve(seedClass);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".sql") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
