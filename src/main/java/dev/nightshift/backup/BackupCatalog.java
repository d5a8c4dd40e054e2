package dev.nightshift.backup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The backup catalog in the ops database: what {@code nightshift backups} lists and restore picks from. */
@Component
public class BackupCatalog {

    private static final String COLUMNS = """
            id, environment, logical_database, database_name, artifact, compression, size_bytes, sha256,
            started_at, finished_at, server_version, pg_dump_version, table_count, verified, verification,
            job_execution_id, storage, encryption, key_id, reread_at, reread_passed, reread_detail""";

    private static final RowMapper<CatalogEntry> ENTRY = (rs, n) -> new CatalogEntry(
            rs.getLong("id"), rs.getString("environment"), rs.getString("logical_database"),
            rs.getString("database_name"), rs.getString("artifact"), rs.getString("compression"),
            rs.getLong("size_bytes"), rs.getString("sha256"), rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("finished_at").toInstant(), rs.getString("server_version"),
            rs.getString("pg_dump_version"), rs.getInt("table_count"), rs.getBoolean("verified"),
            rs.getString("verification"), (Long) rs.getObject("job_execution_id"), rs.getString("storage"),
            rs.getString("encryption"), (Long) rs.getObject("key_id"),
            rs.getTimestamp("reread_at") == null ? null : rs.getTimestamp("reread_at").toInstant(),
            (Boolean) rs.getObject("reread_passed"), rs.getString("reread_detail"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    BackupCatalog(DataSource ops) {
        this.jdbc = new JdbcTemplate(ops);
    }

    long add(BackupManifest m, Long jobExecutionId) {
        return jdbc.queryForObject("INSERT INTO nightshift.backup (environment, logical_database, database_name,"
                        + " artifact, compression, size_bytes, sha256, started_at, finished_at, server_version,"
                        + " pg_dump_version, table_count, verified, verification, job_execution_id, storage, encryption, key_id,"
                        + " row_counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?::jsonb) RETURNING id",
                Long.class, m.environment(), m.logicalDatabase(), m.database(), m.artifact(), m.compression(),
                m.sizeBytes(), m.sha256(), m.startedAt(), m.finishedAt(), m.serverVersion(), m.pgDumpVersion(),
                m.tableCount(), m.verified(), m.verification(), jobExecutionId,
                m.storage() == null ? LocalBackupStorage.LOCATION : m.storage(), m.encryption(), m.keyId(),
                m.rowCounts() == null || m.rowCounts().isEmpty() ? null : JSON.writeValueAsString(m.rowCounts()));
    }

    /** Rows per table counted from the backup's dump stream; empty for a backup taken before they were counted. */
    public Map<String, Long> rowCounts(long id) {
        String json = jdbc.queryForObject("SELECT row_counts::text FROM nightshift.backup WHERE id = ?", String.class, id);
        if (json == null) {
            return Map.of();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    /**
     * Records a re-read of the stored artifact. A failed one also takes back the backup's verified flag, for
     * good: retention, restores and syncs never count a damaged artifact again, even if a later re-read passes.
     */
    void recordReread(long id, boolean passed, String detail) {
        jdbc.update("UPDATE nightshift.backup SET reread_at = now(), reread_passed = ?, reread_detail = ?,"
                + " verified = verified AND ? WHERE id = ?", passed, detail, passed, id);
    }

    boolean contains(String artifact) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM nightshift.backup WHERE artifact = ?)", Boolean.class, artifact));
    }

    /** Live (not deleted) backups, newest first; {@code logicalDatabase} null means every database. */
    public List<CatalogEntry> list(String environment, String logicalDatabase) {
        return jdbc.query("SELECT " + COLUMNS + " FROM nightshift.backup WHERE deleted_at IS NULL"
                        + " AND environment = ? AND (?::text IS NULL OR logical_database = ?)"
                        + " ORDER BY logical_database, started_at DESC, id DESC",
                ENTRY, environment, logicalDatabase, logicalDatabase);
    }

    public Optional<CatalogEntry> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM nightshift.backup WHERE deleted_at IS NULL AND id = ?", ENTRY, id)
                .stream().findFirst();
    }

    public Optional<CatalogEntry> latestVerified(String environment, String logicalDatabase) {
        return list(environment, logicalDatabase).stream().filter(CatalogEntry::verified).findFirst();
    }

    void markDeleted(long id, String reason) {
        jdbc.update("UPDATE nightshift.backup SET deleted_at = now(), deleted_reason = ? WHERE id = ?", reason, id);
    }
}
