package dev.nightshift.migration.schema;

import java.util.List;

/**
 * One pending version as rehearsed: applied and measured, undone and compared, applied again.
 *
 * @param transactional    whether it ran in one transaction (false: it holds a statement such as CREATE INDEX CONCURRENTLY)
 * @param undo             {@code restored}, {@code differs}, {@code missing} (irreversible), or {@code not run}
 * @param schemaDifference lines only before (-) or only after the undo (+), when it differs
 * @param error            why the rehearsal of this version stopped, else null
 */
public record VersionResult(String version, String description, boolean transactional, List<StatementResult> statements,
                     String undo, List<String> schemaDifference, String error) {

    public boolean failed() {
        return error != null || "differs".equals(undo);
    }
}
