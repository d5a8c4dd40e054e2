package dev.nightshift.schedule;

import java.util.Collection;
import java.util.List;

/**
 * What a scheduled command needs beyond its environment's credentials, read from its command line so that a
 * schedule cannot ask for more: {@code sync export} the masking salt and the snapshot volume read-write,
 * {@code sync import} the snapshot volume read-only and no salt, the one-process {@code sync --from --to} the
 * salt. Everything else needs neither. The renderers give a pod (and a namespace) exactly this, so the importing
 * side's manifests never name the salt.
 *
 * @param salt      the masking salt Secret is mounted (only where rows are masked)
 * @param snapshots how the masked snapshot volume is mounted
 */
record SyncAccess(boolean salt, Snapshots snapshots) {

    enum Snapshots { NONE, READ_ONLY, READ_WRITE }

    static final SyncAccess NONE = new SyncAccess(false, Snapshots.NONE);

    /** Where the snapshot volume is mounted; the settings file points nightshift.sync.snapshot-directory at it. */
    static final String SNAPSHOT_DIRECTORY = "/var/lib/nightshift-snapshots";
    /** Where the salt Secret is mounted; NIGHTSHIFT_SYNC_SALTFILE names the file (a file, not a variable). */
    static final String SALT_DIRECTORY = "/etc/nightshift/masking-salt";
    static final String SALT_KEY = "salt";

    /** The access {@code args} (a Nightshift command line without --config) needs. */
    static SyncAccess of(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("sync")) {
            return NONE;
        }
        String sub = args.size() > 1 ? args.get(1) : "";
        return switch (sub) {
            case "export" -> new SyncAccess(true, Snapshots.READ_WRITE);
            case "import" -> new SyncAccess(false, Snapshots.READ_ONLY);
            // the one-process sync: masks (salt), keeps its spool on the data volume
            default -> new SyncAccess(true, Snapshots.NONE);
        };
    }

    /** What a process running all of {@code entries} needs: the scheduler mode runs them in one pod. */
    static SyncAccess of(Collection<ScheduleEntry> entries) {
        boolean salt = false;
        Snapshots snapshots = Snapshots.NONE;
        for (ScheduleEntry entry : entries) {
            SyncAccess one = of(entry.args());
            salt |= one.salt();
            if (one.snapshots().compareTo(snapshots) > 0) {
                snapshots = one.snapshots();
            }
        }
        return new SyncAccess(salt, snapshots);
    }

    boolean mountsSnapshots() {
        return snapshots != Snapshots.NONE;
    }

    boolean readOnly() {
        return snapshots == Snapshots.READ_ONLY;
    }
}
