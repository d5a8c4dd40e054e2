package dev.nightshift.migration.schema;

/** PostgreSQL's table lock modes, weakest first, with what each keeps other sessions from doing. */
enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgLocksName;

    LockMode(String pgLocksName) {
        this.pgLocksName = pgLocksName;
    }

    /** From {@code pg_locks.mode}. */
    static LockMode of(String pgLocksName) {
        for (LockMode mode : values()) {
            if (mode.pgLocksName.equals(pgLocksName)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown lock mode " + pgLocksName);
    }

    /** Conflicts with ROW EXCLUSIVE, the lock INSERT, UPDATE and DELETE take. */
    boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** Conflicts with ACCESS SHARE, the lock SELECT takes. */
    boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** {@code ACCESS EXCLUSIVE}, as the documentation and LOCK TABLE spell it. */
    String sql() {
        return name().replace('_', ' ');
    }

    static LockMode stronger(LockMode a, LockMode b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}
