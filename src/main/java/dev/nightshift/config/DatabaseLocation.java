package dev.nightshift.config;

/**
 * Where a logical database lives: {@code name} on the environment's server, or {@code host:port/name} (port
 * optional, 5432) on a server of its own, for environments whose databases are spread over several servers.
 * The environment's username, password and sslmode apply to every one of its servers.
 */
record DatabaseLocation(String host, int port, String database) {

    static DatabaseLocation parse(String value, String environmentHost, int environmentPort, String property) {
        int slash = value.lastIndexOf('/');
        if (slash < 0) {
            return new DatabaseLocation(environmentHost, environmentPort, value);
        }
        String server = value.substring(0, slash);
        String database = value.substring(slash + 1);
        int colon = server.lastIndexOf(':');
        String host = colon < 0 ? server : server.substring(0, colon);
        if (host.isBlank() || database.isBlank()) {
            throw new ConfigurationException(property + " is '" + value + "'; write a database name, or host:port/name"
                    + " for a database on a server of its own");
        }
        if (colon < 0) {
            return new DatabaseLocation(host, 5432, database);
        }
        try {
            return new DatabaseLocation(host, Integer.parseInt(server.substring(colon + 1)), database);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(property + " is '" + value + "': the port after ':' must be a number");
        }
    }
}
