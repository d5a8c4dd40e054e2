package dev.nightshift.maintenance;

/**
 * One table's numbers as PostgreSQL reports them (sizes, tuples, last maintenance, transaction-id age).
 * {@code locked}: another session held it in ACCESS EXCLUSIVE mode, so its sizes are the last statistics'.
 */
record TableHealth(long oid, String schema, String name, boolean locked, long heapBytes, long indexBytes,
                   long toastBytes, long liveTuples, long deadTuples, long modifiedSinceAnalyze, String lastVacuum,
                   String lastAutovacuum, String lastAnalyze, String lastAutoanalyze, long xidAge, double reltuples) {

    String qualifiedName() {
        return schema + "." + name;
    }

    long totalBytes() {
        return heapBytes + indexBytes + toastBytes;
    }

    double deadPercent() {
        long all = liveTuples + deadTuples;
        return all == 0 ? 0 : 100.0 * deadTuples / all;
    }

    boolean neverAnalyzed() {
        return lastAnalyze == null && lastAutoanalyze == null;
    }
}
