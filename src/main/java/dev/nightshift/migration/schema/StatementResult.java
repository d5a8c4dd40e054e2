package dev.nightshift.migration.schema;

import java.util.List;
import java.util.Map;

/**
 * One statement of a rehearsed migration.
 *
 * @param sql                the statement as written
 * @param millis             how long it ran on the restored copy
 * @param locks              the strongest lock it took on each table ({@code schema.table} to e.g. {@code ACCESS EXCLUSIVE})
 * @param rewritten          tables it rewrote (their relfilenode changed)
 * @param writesBlockedMillis how long writes to its tables stayed blocked: from this statement to the end of its
 *                           migration's transaction (0 when its locks let writes through)
 * @param flagged            blocked writes longer than the threshold
 * @param saferForm          the usual safer form when flagged, else null
 */
public record StatementResult(String sql, long millis, Map<String, String> locks, List<String> rewritten,
                       long writesBlockedMillis, boolean flagged, String saferForm) {
}
