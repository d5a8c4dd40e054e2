package dev.nightshift.config;

/**
 * Writes into an environment marked {@code protected: true} need the operator's explicit confirmation; a write
 * into a masked-class environment whose entry reaches a production server is refused outright.
 */
public final class ProtectedEnvironmentGuard {

    private ProtectedEnvironmentGuard() {
    }

    public static void checkWrite(Targets targets, String environment, boolean confirmed, String operation) {
        if (targets.isProtected(environment) && !confirmed) {
            throw new SafetyGuardException("refusing to " + operation + ": environment '" + environment
                    + "' is protected; add --confirm-production if you really mean it");
        }
        targets.dataClasses().checkWrite(environment, operation);
    }
}
