package dev.nightshift.config;

import dev.nightshift.postgres.PgTarget;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A server named on the command line rather than configured (say, {@code sync import --url}) is never one that
 * the configuration marks {@code protected} or {@code data: production}. Compares servers, not names: the host
 * and port as written, the addresses they resolve to, and the server's system identifier where it can be asked.
 */
public final class AdHocTargetGuard {

    private AdHocTargetGuard() {
    }

    /**
     * @param properties the configuration as read, without the ad-hoc environment
     * @param server     the server named on the command line (any database on it)
     * @param operation  what would be refused, e.g. "import into localhost:5432 (--url)"
     */
    public static void requireUnguarded(NightshiftProperties properties, PgTarget server, String operation) {
        Targets targets = new Targets(properties);
        ServerIdentity mine = ServerIdentity.of(server);
        Set<InetAddress> myAddresses = addresses(server.host());
        properties.environments().forEach((name, env) -> {
            if (!env.protectedEnvironment() && env.data() != DataClass.PRODUCTION) {
                return;
            }
            for (ServerIdentity theirs : targets.dataClasses().identities(name)) {
                boolean sameAddress = theirs.port() == mine.port()
                        && addresses(theirs.host()).stream().anyMatch(myAddresses::contains);
                if (sameAddress || theirs.sameServerAs(mine)) {
                    throw new SafetyGuardException("refusing to " + operation + ": " + mine.describe() + " is the server of"
                            + " environment '" + name + "' (" + guards(env) + "), and a server named on the command line"
                            + " must not be one the configuration guards. Name another server; only "
                            + allowing(name, env) + " would allow it");
                }
            }
        });
    }

    private static String guards(EnvironmentProperties env) {
        List<String> guards = new ArrayList<>();
        if (env.protectedEnvironment()) {
            guards.add("protected: true");
        }
        guards.add("data: " + env.data().name().toLowerCase(java.util.Locale.ROOT));
        return String.join(", ", guards);
    }

    private static String allowing(String name, EnvironmentProperties env) {
        String prefix = "nightshift.environments." + name + ".";
        List<String> settings = new ArrayList<>();
        if (env.protectedEnvironment()) {
            settings.add(prefix + "protected: false");
        }
        if (env.data() == DataClass.PRODUCTION) {
            settings.add(prefix + "data: masked");
        }
        return String.join(" and ", settings);
    }

    /** Every address of a host; none when it does not resolve here (then the name and the identifier decide). */
    private static Set<InetAddress> addresses(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).collect(Collectors.toSet());
        } catch (UnknownHostException | SecurityException e) {
            return Set.of();
        }
    }
}
