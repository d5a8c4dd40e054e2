package dev.nightshift.backup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;

/**
 * Backups retention marked deleted whose artifact has not been confirmed removed: a crash between the mark and
 * the deletion leaves the artifact behind, and the next retention run removes it.
 */
@Component
class DeletedArtifacts {

    /** A backup marked deleted, with where its artifact was. */
    record Pending(long id, String artifact, String storage) {
    }

    private final JdbcTemplate jdbc;

    DeletedArtifacts(DataSource ops) {
        this.jdbc = new JdbcTemplate(ops);
    }

    List<Pending> pending(String environment, String logical) {
        return jdbc.query("""
                SELECT id, artifact, storage FROM nightshift.backup
                 WHERE deleted_at IS NOT NULL AND artifact_removed_at IS NULL
                   AND environment = ? AND logical_database = ?
                 ORDER BY id""", (rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)),
                environment, logical);
    }

    void removed(long id) {
        jdbc.update("UPDATE nightshift.backup SET artifact_removed_at = now() WHERE id = ?", id);
    }
}
