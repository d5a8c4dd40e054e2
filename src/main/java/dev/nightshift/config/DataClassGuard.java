package dev.nightshift.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps unmasked production data on servers allowed to hold it ({@code data: production}). Compares servers,
 * not names: a {@code data: masked} entry whose host and port, or whose server's system identifier, are
 * those of a production-class environment is refused for every write, whatever it is called.
 */
public final class DataClassGuard {

    private final Targets targets;
    private final Map<String, List<ServerIdentity>> identities = new ConcurrentHashMap<>();

    DataClassGuard(Targets targets) {
        this.targets = targets;
    }

    /** Refuses (SafetyGuardException) a write into a masked-class environment that reaches a production server. */
    public void checkWrite(String environment, String operation) {
        EnvironmentProperties env = targets.environment(environment);
        if (env.data() == DataClass.PRODUCTION) {
            return;
        }
        // every server the environment's entries reach, its own and those of its host:port/name databases
        for (ServerIdentity mine : identities(environment)) {
            targets.environments().forEach((name, other) -> {
                if (other.data() == DataClass.PRODUCTION && identities(name).stream().anyMatch(p -> p.sameServerAs(mine))) {
                    throw new SafetyGuardException("refusing to " + operation + ": environment '" + environment
                            + "' is declared data: masked, but its entries reach " + mine.describe() + ", the server of '"
                            + name + "' (data: production). Correct nightshift.environments." + environment
                            + ".host/port (or a database's host:port/name entry), or, if that server may really hold"
                            + " production data, set nightshift.environments." + environment + ".data: production");
                }
            });
        }
    }

    /**
     * Refuses putting data of {@code from} onto the server of {@code into} when that would carry production
     * data to a masked-class server; the masked sync is the one road between them.
     */
    public void checkCopy(String from, String into, String operation) {
        checkCopy(from, into, operation, "copy it with the masked sync (nightshift sync --from " + from + " --to "
                + into + ")");
    }

    /** @param alternative the safe way to do what was asked, as the refusal suggests it */
    public void checkCopy(String from, String into, String operation, String alternative) {
        if (targets.environment(from).data() == DataClass.PRODUCTION
                && targets.environment(into).data() == DataClass.MASKED) {
            throw new SafetyGuardException("refusing to " + operation + ": it would put unmasked data of '" + from
                    + "' (data: production) on the server of '" + into + "' (data: masked). Instead, " + alternative
                    + "; or, if that server may hold production data, set nightshift.environments." + into
                    + ".data: production");
        }
        checkWrite(into, operation);
    }

    List<ServerIdentity> identities(String environment) {
        return identities.computeIfAbsent(environment, name -> {
            EnvironmentProperties env = targets.environment(name);
            try {
                return targets.servers(name).stream().map(ServerIdentity::of).toList();
            } catch (ConfigurationException e) {
                // no usable credentials in this process: compare what the entries say
                List<ServerIdentity> said = new java.util.ArrayList<>(List.of(ServerIdentity.unasked(env.host(), env.port())));
                env.databases().values().forEach(value -> {
                    DatabaseLocation location = DatabaseLocation.parse(value, env.host(), env.port(), name);
                    said.add(ServerIdentity.unasked(location.host(), location.port()));
                });
                return said;
            }
        });
    }
}
