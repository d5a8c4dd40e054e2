package dev.nightshift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a test compares between two databases: the normalized schema dump and the row count of every table. */
public final class DatabaseSnapshot {

    private DatabaseSnapshot() {
    }

    /**
     * {@code pg_dump --schema-only}, without comments and the per-run {@code \restrict} keys newer pg_dump
     * versions print, so two dumps of equal schemas are equal text.
     */
    public static String schema(String database) {
        TestPostgres pg = TestPostgres.get();
        try {
            ProcessBuilder builder = new ProcessBuilder(pg.binDir().resolve("pg_dump").toString(), "--schema-only",
                    "--no-owner", "--no-privileges", "-h", pg.host(), "-p", Integer.toString(pg.port()),
                    "-U", pg.user(), database);
            builder.environment().put("PGPASSWORD", pg.password());
            Process process = builder.start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pg_dump --schema-only " + database + " failed: " + err);
            }
            return text.lines()
                    .filter(l -> !l.startsWith("--") && !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict") && !l.isBlank())
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Exact row count of every user table, by {@code schema.table}. */
    public static Map<String, Long> rowCounts(String database) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestPostgres.get().connect(database); Statement s = c.createStatement()) {
            List<String> tables;
            try (ResultSet rs = s.executeQuery("""
                    SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables ORDER BY 1""")) {
                tables = new java.util.ArrayList<>();
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ONLY " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
