package dev.nightshift.maintenance;

/** What to do about a table (vacuum, vacuum freeze, analyze, reindex concurrently, repack) and why. */
record Recommendation(String action, String reason) {
}
