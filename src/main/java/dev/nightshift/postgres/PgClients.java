package dev.nightshift.postgres;

import dev.nightshift.config.NightshiftProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Picks the pg_dump/pg_restore/psql that fits a target's server, looked up once per server major version. */
@Component
public class PgClients {

    private final NightshiftProperties properties;
    private final Map<Integer, PgClient> clients = new ConcurrentHashMap<>();

    PgClients(NightshiftProperties properties) {
        this.properties = properties;
    }

    /** A client at least as new as the target's server (see {@link PgClient#forServer}). */
    public PgClient forTarget(PgTarget target) throws IOException, SQLException {
        ServerVersion server;
        try (Connection c = target.connectBounded()) {
            server = ServerVersion.of(c);
        }
        PgClient known = clients.get(server.major());
        if (known == null) {
            known = PgClient.forServer(server, properties.postgres().binDir());
            clients.put(server.major(), known);
        }
        return known;
    }
}
