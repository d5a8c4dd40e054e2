package dev.nightshift.config;

import dev.nightshift.postgres.PgTarget;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns "environment + logical database" into a {@link PgTarget}, checking the configuration on the way so
 * that a typo or a missing secret is reported before any work starts.
 */
@Component
public class Targets {

    private final NightshiftProperties properties;
    private final DataClassGuard dataClasses = new DataClassGuard(this);

    Targets(NightshiftProperties properties) {
        this.properties = properties;
    }

    /** The guard that keeps production data on production-class servers. */
    public DataClassGuard dataClasses() {
        return dataClasses;
    }

    public EnvironmentProperties environment(String name) {
        EnvironmentProperties env = properties.environments().get(name);
        if (env == null) {
            throw new ConfigurationException("unknown environment '" + name + "'; configured environments: "
                    + listOrNone(properties.environments().keySet())
                    + " (add it under nightshift.environments in your configuration)");
        }
        return env;
    }

    public boolean isProtected(String environment) {
        return environment(environment).protectedEnvironment();
    }

    /** The logical databases to work on: the ones named, or every database of the environment. */
    public List<PgTarget> resolve(String environment, List<String> logicalNames) {
        EnvironmentProperties env = environment(environment);
        if (env.databases().isEmpty()) {
            throw new ConfigurationException("environment '" + environment + "' has no databases; add them as"
                    + " nightshift.environments." + environment + ".databases: {logical-name: database-name}");
        }
        List<String> names = logicalNames == null || logicalNames.isEmpty()
                ? new ArrayList<>(env.databases().keySet()) : logicalNames;
        return names.stream().map(n -> target(environment, env, n)).toList();
    }

    public PgTarget resolve(String environment, String logicalName) {
        return resolve(environment, List.of(logicalName)).get(0);
    }

    /** The server of an environment, through its maintenance database, for CREATE and DROP DATABASE. */
    public PgTarget server(String environment) {
        return credentials(environment, environment(environment), "-", "postgres", properties.connections());
    }

    private PgTarget target(String envName, EnvironmentProperties env, String logical) {
        String database = env.databases().get(logical);
        if (database == null) {
            throw new ConfigurationException("unknown database '" + logical + "' in environment '" + envName
                    + "'; its databases are: " + listOrNone(env.databases().keySet()));
        }
        DatabaseLocation location = DatabaseLocation.parse(database, env.host(), env.port(),
                "nightshift.environments." + envName + ".databases." + logical);
        return credentials(envName, env, logical, location.database(), properties.connections()).onServer(location.host(), location.port());
    }

    /**
     * Every server an environment's databases are on (its own, and those its {@code host:port/name} entries name),
     * each through its maintenance database.
     */
    public List<PgTarget> servers(String environment) {
        EnvironmentProperties env = environment(environment);
        java.util.Map<String, PgTarget> servers = new java.util.LinkedHashMap<>();
        PgTarget own = server(environment);
        servers.put(own.host() + ":" + own.port(), own);
        for (String logical : env.databases().keySet()) {
            PgTarget target = target(environment, env, logical);
            servers.putIfAbsent(target.host() + ":" + target.port(), own.onServer(target.host(), target.port()));
        }
        return List.copyOf(servers.values());
    }

    private static PgTarget credentials(String envName, EnvironmentProperties env, String logical, String database,
                                        ConnectionProperties connections) {
        String prefix = "nightshift.environments." + envName + ".";
        require(env.host(), prefix + "host", "the server's host name");
        require(env.username(), prefix + "username", "the user to connect as");
        if (env.password() == null || env.password().isBlank()) {
            throw new ConfigurationException("no password for environment '" + envName + "': set " + prefix
                    + "password (for example password: ${" + envName.toUpperCase().replace('-', '_')
                    + "_PGPASSWORD} and export that variable)");
        }
        if (env.password().startsWith("${") && env.password().endsWith("}")) {
            throw new ConfigurationException("the password of environment '" + envName + "' refers to "
                    + env.password() + ", which is not set; export that variable or mount the secret");
        }
        return new PgTarget(envName, logical, database, env.host(), env.port(), env.username(), env.password(),
                env.sslmode(), env.protectedEnvironment(), connections);
    }

    private static void require(String value, String property, String what) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(property + " is not set; set it to " + what);
        }
    }

    private static String listOrNone(java.util.Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    public Map<String, EnvironmentProperties> environments() {
        return properties.environments();
    }
}
