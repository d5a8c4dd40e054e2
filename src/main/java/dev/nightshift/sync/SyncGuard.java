package dev.nightshift.sync;

import dev.nightshift.config.SafetyGuardException;
import dev.nightshift.config.Targets;

/**
 * The sync writes production data, masked, into its target: a protected environment is never a target,
 * whatever the flags, and neither is an entry that reaches a production-class server. Checked by the command and again by the job, which a {@code jobs restart} reaches
 * without the command.
 */
public final class SyncGuard {

    private SyncGuard() {
    }

    public static void requireWritable(Targets targets, String environment, String logical) {
        if (targets.isProtected(environment)) {
            throw new SafetyGuardException("refusing to sync into " + environment + "/" + logical + ": environment '"
                    + environment + "' is protected, and a sync replaces its database; no flag overrides this."
                    + " Sync into an unprotected environment such as staging");
        }
        targets.dataClasses().checkWrite(environment, "sync into " + environment + "/" + logical);
    }
}
