package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A server given on the command line as {@code postgresql://user:password@host:port/dbname} (libpq's URI) or
 * {@code jdbc:postgresql://host:port/dbname?user=...&password=...}. What the URL leaves out is filled in as
 * libpq would: the user from PGUSER or the login name, the password from PGPASSWORD or the password file
 * ({@link PgPassFile}). {@link #toString()} and every message show the URL without its password.
 *
 * @param database null when the URL names none
 * @param password null when none was found
 * @param sslmode  null when the URL sets none
 */
record ConnectionUrl(String host, int port, String database, String user, String password, String sslmode) {

    /** Where a URL's missing parts come from: the process's environment variables and the user's home. */
    record Defaults(Map<String, String> environment, java.nio.file.Path home) {

        static Defaults ofProcess() {
            return new Defaults(System.getenv(), java.nio.file.Path.of(System.getProperty("user.home")));
        }

        String user() {
            String user = environment.get("PGUSER");
            return user != null && !user.isEmpty() ? user : System.getProperty("user.name");
        }
    }

    /** @param option the command-line option the URL came from, for the messages */
    static ConnectionUrl parse(String url, String option, Defaults defaults) {
        String rest = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        int schemeEnd = rest.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : rest.substring(0, schemeEnd);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw invalid(url, option, "it must start with postgresql:// (or jdbc:postgresql://)");
        }
        rest = rest.substring(schemeEnd + 3);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? null : decode(rest.substring(slash + 1));
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        if (authority.contains(",")) {
            throw invalid(url, option, "name one server (host:port), not several");
        }
        String host = authority;
        int port = 5432;
        int portColon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
        if (portColon >= 0) {
            host = authority.substring(0, portColon);
            try {
                port = Integer.parseInt(authority.substring(portColon + 1));
            } catch (NumberFormatException e) {
                throw invalid(url, option, "the port after ':' must be a number");
            }
        }
        host = host.isEmpty() ? "localhost" : decode(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        String sslmode = null;
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
            switch (name) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "sslmode" -> sslmode = value;
                case "dbname" -> database = value;
                default -> {
                    // libpq and pgjdbc know many more (application_name, connect_timeout, ...): Nightshift sets its own
                }
            }
        }
        database = database == null || database.isEmpty() ? null : database;
        user = user == null || user.isEmpty() ? defaults.user() : user;
        return new ConnectionUrl(host, port, database, user, password == null || password.isEmpty() ? null : password, sslmode);
    }

    /** The same URL with the password libpq would use for {@code database} when the URL has none. */
    ConnectionUrl withPasswordFor(String database, Defaults defaults) {
        if (password != null) {
            return this;
        }
        String fromEnvironment = defaults.environment().get("PGPASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return withPassword(fromEnvironment);
        }
        return withPassword(PgPassFile.of(defaults).lookup(host, port, database, user).orElse(null));
    }

    ConnectionUrl withPassword(String value) {
        return new ConnectionUrl(host, port, database, user, value, sslmode);
    }

    /** {@code user@host:port} */
    String server() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "postgresql://" + server() + "/" + (database == null ? "" : database);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static ConfigurationException invalid(String url, String option, String why) {
        return new ConfigurationException(option + " " + redacted(url) + " is not a PostgreSQL URL: " + why
                + "; write postgresql://user@host:port/dbname (or jdbc:postgresql://host:port/dbname)");
    }

    /** The URL as given, with the password (in the user part or a password= parameter) replaced. */
    static String redacted(String url) {
        return url.replaceAll("(://[^/?]*?:)[^/?]*@", "$1***@").replaceAll("([?&]password=)[^&]*", "$1***");
    }
}
