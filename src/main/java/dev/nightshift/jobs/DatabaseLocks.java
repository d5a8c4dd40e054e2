package dev.nightshift.jobs;

/**
 * The advisory lock every job takes on a database it writes or must see unchanged: a backup, a restore and
 * a sync of the same environment's database never run at the same time, whichever process starts them.
 */
public final class DatabaseLocks {

    private DatabaseLocks() {
    }

    public static String name(String environment, String logical) {
        return "backup:" + environment + "/" + logical;
    }
}
