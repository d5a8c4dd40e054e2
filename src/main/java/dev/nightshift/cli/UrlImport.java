package dev.nightshift.cli;

import dev.nightshift.config.AdHocTargetGuard;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.ConnectionProperties;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.snapshot.SpoolManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sync import --url}: a snapshot directory and a connection URL are all it takes. The target becomes an
 * unprotected environment {@value #ENVIRONMENT} made for this run (the database named by the URL, by default the
 * snapshot's logical name), and the job history goes to {@value #OPS_DATABASE} on the same server (created when
 * missing) or to {@code --ops-url}. A configuration, when one is given, still applies, except that the server
 * must not be one it marks protected or production.
 */
final class UrlImport {

    static final String ENVIRONMENT = "local";
    static final String OPS_DATABASE = "nightshift_ops";

    private static final Logger log = LoggerFactory.getLogger(UrlImport.class);
    private static final List<String> NOT_A_TARGET = List.of("postgres", "template0", "template1");

    private final ConnectionUrl target;
    private final ConnectionUrl ops;
    private final String opsOption;
    private final String logical;
    private final String database;

    private UrlImport(ConnectionUrl target, ConnectionUrl ops, String opsOption, String logical, String database) {
        this.target = target;
        this.ops = ops;
        this.opsOption = opsOption;
        this.logical = logical;
        this.database = database;
    }

    /** Checks what can be checked without a server: the URLs, a password for each, and the snapshot's database. */
    static UrlImport of(String url, String opsUrl, Path snapshot, ConnectionUrl.Defaults defaults) {
        String logical = logicalName(snapshot);
        ConnectionUrl parsed = ConnectionUrl.parse(url, "--url", defaults);
        String database = parsed.database() != null ? parsed.database() : logical;
        ConnectionUrl target = requirePassword(parsed.withPasswordFor(database, defaults), "--url");
        ConnectionUrl ops = opsUrl == null
                ? new ConnectionUrl(target.host(), target.port(), OPS_DATABASE, target.user(), target.password(), target.sslmode())
                : opsOf(ConnectionUrl.parse(opsUrl, "--ops-url", defaults), defaults);
        if (NOT_A_TARGET.contains(database) || database.equals(ops.database())) {
            throw new ConfigurationException("--url names the database " + database + ", which an import would replace;"
                    + " name the database to load the snapshot into (postgresql://" + target.server() + "/" + logical + ")");
        }
        return new UrlImport(target, ops, opsUrl == null ? "--url" : "--ops-url", logical, database);
    }

    /** The snapshot's logical database (auth, user, ...), which its manifest records. */
    private static String logicalName(Path snapshot) {
        try {
            return SpoolManifest.read(snapshot).map(SpoolManifest::origin).map(SpoolManifest.Origin::database)
                    .orElseThrow(() -> new ConfigurationException("--snapshot " + snapshot + " is not a masked snapshot (no "
                            + SpoolManifest.FILE + " naming its database); name a directory written by nightshift sync export"));
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the snapshot " + snapshot + ": " + e.getMessage());
        }
    }

    private static ConnectionUrl opsOf(ConnectionUrl given, ConnectionUrl.Defaults defaults) {
        ConnectionUrl named = given.database() != null ? given
                : new ConnectionUrl(given.host(), given.port(), OPS_DATABASE, given.user(), given.password(), given.sslmode());
        return requirePassword(named.withPasswordFor(named.database(), defaults), "--ops-url");
    }

    private static ConnectionUrl requirePassword(ConnectionUrl url, String option) {
        if (url.password() == null) {
            throw new ConfigurationException("no password for " + url.server() + " (" + option + "): put it in the URL"
                    + " (postgresql://" + url.user() + ":PASSWORD@" + url.host() + ":" + url.port() + "/...), in PGPASSWORD,"
                    + " or in ~/.pgpass (a server that trusts the connection accepts any)");
        }
        return url;
    }

    String logical() {
        return logical;
    }

    /** Where the import goes, for the command's messages: {@code user@host:port/database}. */
    String describe() {
        return target.server() + "/" + database;
    }

    /** Makes the context start with the ad-hoc environment and ops database. */
    void register(LazyContext context) {
        context.beforeBeans(this::prepare);
    }

    /**
     * Runs once the configuration is read, before any bean: refuses a guarded server (exit 3) before anything
     * is written to it, then adds the environment and creates the ops database when missing.
     */
    private void prepare(ConfigurableEnvironment environment) {
        NightshiftProperties configured = Binder.get(environment).bindOrCreate("nightshift", NightshiftProperties.class);
        if (configured.environments().containsKey(ENVIRONMENT)) {
            throw new ConfigurationException("--url loads into an environment named '" + ENVIRONMENT + "', but the"
                    + " configuration has one of that name; use --env " + ENVIRONMENT + " for that one, or rename it");
        }
        ConnectionProperties connections = configured.connections();
        PgTarget server = pgTarget(target, "postgres", connections);
        requireReachable(server, "--url");
        AdHocTargetGuard.requireUnguarded(configured, server, "import into " + target.server() + " (--url)");
        environment.getPropertySources().addFirst(new MapPropertySource("nightshift sync import --url", settings()));
        environment.getPropertySources().addLast(new MapPropertySource("nightshift sync import --url (defaults)",
                Map.of("nightshift.sync.work-directory", Path.of(System.getProperty("user.home"), ".nightshift", "sync").toString())));
        createOpsDatabase(pgTarget(ops, "postgres", connections));
    }

    private Map<String, Object> settings() {
        String prefix = "nightshift.environments." + ENVIRONMENT + ".";
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(prefix + "host", literal(target.host()));
        settings.put(prefix + "port", target.port());
        settings.put(prefix + "username", literal(target.user()));
        settings.put(prefix + "password", literal(target.password()));
        settings.put(prefix + "sslmode", target.sslmode() == null ? "prefer" : target.sslmode());
        settings.put(prefix + "protected", false);
        settings.put(prefix + "data", "masked");
        // a laptop or a dev server: the development seeds, when the seed directory has any
        settings.put(prefix + "seeds", "development");
        settings.put(prefix + "databases[" + logical + "]", literal(database));
        String host = ops.host().contains(":") ? "[" + ops.host() + "]" : ops.host();
        settings.put("nightshift.ops-database.url", "jdbc:postgresql://" + host + ":" + ops.port() + "/"
                + URLEncoder.encode(ops.database(), StandardCharsets.UTF_8)
                + (ops.sslmode() == null ? "" : "?sslmode=" + URLEncoder.encode(ops.sslmode(), StandardCharsets.UTF_8)));
        settings.put("nightshift.ops-database.username", literal(ops.user()));
        settings.put("nightshift.ops-database.password", literal(ops.password()));
        return settings;
    }

    /** A value as given, never a placeholder: a password may well contain "${". */
    private static String literal(String value) {
        return value.replace("${", "\\${");
    }

    private void createOpsDatabase(PgTarget opsServer) {
        requireReachable(opsServer, opsOption);
        try {
            DatabaseAdmin admin = new DatabaseAdmin(opsServer);
            if (!admin.exists(ops.database())) {
                admin.create(ops.database());
                log.info("created the ops database {} on {} for Nightshift's job history{}", ops.database(), ops.server(),
                        opsOption.equals("--url") ? " (--ops-url names another)" : "");
            }
        } catch (SQLException e) {
            throw new ConfigurationException("cannot create the ops database " + ops.database() + " on " + ops.server()
                    + ": " + e.getMessage() + "; create it yourself, or name an existing one with --ops-url");
        }
    }

    private static void requireReachable(PgTarget server, String option) {
        try (Connection ignored = server.connectBounded()) {
            // the credentials are right and the server answers
        } catch (SQLException e) {
            throw new ConfigurationException("cannot connect to " + server.username() + "@" + server.host() + ":"
                    + server.port() + " (" + option + "): " + e.getMessage() + "; check the host, port, user and password"
                    + " (in the URL, PGPASSWORD or ~/.pgpass) and that the server accepts connections");
        }
    }

    private static PgTarget pgTarget(ConnectionUrl url, String database, ConnectionProperties connections) {
        return new PgTarget(ENVIRONMENT, "-", database, url.host(), url.port(), url.user(), url.password(),
                url.sslmode() == null ? "prefer" : url.sslmode(), false, connections);
    }
}
