package dev.nightshift.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PostgreSQL version as the server or a client program reports it: {@code 15.19} is major 15. */
public record ServerVersion(int major, int minor, String text) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

    public static ServerVersion of(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            rs.next();
            int num = rs.getInt(1);
            return new ServerVersion(num / 10000, num % 10000, rs.getString(2).split(" ")[0]);
        }
    }

    /** Parses the output of {@code pg_dump --version}: {@code pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)}. */
    public static ServerVersion parseClient(String versionOutput) {
        String afterName = versionOutput.contains(")") ? versionOutput.substring(versionOutput.indexOf(')') + 1) : versionOutput;
        Matcher m = VERSION.matcher(afterName);
        if (!m.find()) {
            throw new IllegalArgumentException("cannot read a PostgreSQL version from: " + versionOutput.strip());
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return new ServerVersion(major, minor, m.group());
    }

    @Override
    public String toString() {
        return text;
    }
}
