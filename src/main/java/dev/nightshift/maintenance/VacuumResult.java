package dev.nightshift.maintenance;

/**
 * What the VACUUM runner did to one table, with the numbers before and after (null where it never ran).
 *
 * @param outcome VACUUMED, SKIPPED (another session held a lock), FAILED, or NOT_STARTED (the window ended)
 */
record VacuumResult(String schema, String table, String reason, String command, Outcome outcome, String message,
                    Long deadBefore, Long deadAfter, Long bytesBefore, Long bytesAfter, Long millis) {

    enum Outcome { VACUUMED, SKIPPED, FAILED, NOT_STARTED }

    String qualifiedName() {
        return schema + "." + table;
    }
}
