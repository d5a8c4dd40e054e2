package dev.nightshift.config;

/**
 * The ops database: Spring Batch's job repository and Nightshift's own tables, all in the
 * {@code nightshift} schema, created and upgraded by Flyway.
 *
 * @param url      JDBC URL, for example {@code jdbc:postgresql://ops-db:5432/nightshift}
 * @param username user that owns the {@code nightshift} schema
 * @param password its password (prefer an environment variable or a mounted secret)
 */
public record OpsDatabaseProperties(String url, String username, String password) {

    @Override
    public String toString() {
        return "OpsDatabaseProperties[url=" + url + ", username=" + username + "]";
    }
}
