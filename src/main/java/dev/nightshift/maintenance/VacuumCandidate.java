package dev.nightshift.maintenance;

import dev.nightshift.postgres.Identifiers;

/** A table the runner will vacuum, why, and how (FREEZE for old transaction ids, FULL only when named). */
record VacuumCandidate(String schema, String table, String reason, boolean freeze, boolean full) {

    String command() {
        String options = full ? "FULL, ANALYZE, SKIP_LOCKED" : freeze ? "ANALYZE, FREEZE, SKIP_LOCKED" : "ANALYZE, SKIP_LOCKED";
        return "VACUUM (" + options + ") " + Identifiers.quote(schema, table);
    }

    String qualifiedName() {
        return schema + "." + table;
    }
}
