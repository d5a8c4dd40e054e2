package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The --url of sync import: libpq's and pgjdbc's URL forms, and the password found as libpq would find it. */
class ConnectionUrlTest {

    @TempDir
    Path home;

    @Test
    void libpqAndJdbcUrlsGiveTheSameServer() {
        ConnectionUrl libpq = ConnectionUrl.parse("postgresql://me:s%40cret@db.local:6543/auth?sslmode=require", "--url", none());
        ConnectionUrl jdbc = ConnectionUrl.parse("jdbc:postgresql://db.local:6543/auth?user=me&password=s@cret&sslmode=require",
                "--url", none());

        assertThat(libpq).isEqualTo(new ConnectionUrl("db.local", 6543, "auth", "me", "s@cret", "require"));
        assertThat(jdbc).isEqualTo(libpq);
        assertThat(libpq.toString()).isEqualTo("postgresql://me@db.local:6543/auth").doesNotContain("s@cret");
    }

    @Test
    void whatTheUrlLeavesOutIsLibpqsDefault() {
        ConnectionUrl url = ConnectionUrl.parse("postgres://localhost", "--url", defaults(Map.of("PGUSER", "dev")));

        assertThat(url).isEqualTo(new ConnectionUrl("localhost", 5432, null, "dev", null, null));
        assertThat(ConnectionUrl.parse("postgresql://[::1]:5433/x", "--url", none()).host()).isEqualTo("::1");
    }

    @Test
    void thePasswordComesFromTheUrlThenPgpasswordThenThePasswordFile() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# comment\nother:*:*:*:no\nlocalhost:5432:auth:dev:from\\:file\n*:*:*:*:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        ConnectionUrl noPassword = ConnectionUrl.parse("postgresql://dev@localhost/auth", "--url", none());

        assertThat(noPassword.withPasswordFor("auth", defaults(Map.of())).password()).isEqualTo("from:file");
        assertThat(noPassword.withPasswordFor("other_db", defaults(Map.of())).password()).isEqualTo("fallback");
        assertThat(noPassword.withPasswordFor("auth", defaults(Map.of("PGPASSWORD", "env"))).password()).isEqualTo("env");
        assertThat(noPassword.withPassword("url").withPasswordFor("auth", defaults(Map.of("PGPASSWORD", "env"))).password())
                .isEqualTo("url");
    }

    @Test
    void aPasswordFileOthersMayReadIsIgnoredAsLibpqIgnoresIt() throws Exception {
        Path pgpass = home.resolve("pgpass");
        Files.writeString(pgpass, "*:*:*:*:secret\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        ConnectionUrl noPassword = ConnectionUrl.parse("postgresql://dev@localhost/auth", "--url", none());

        assertThat(noPassword.withPasswordFor("auth", defaults(Map.of("PGPASSFILE", pgpass.toString()))).password()).isNull();
    }

    @Test
    void aUrlOfAnotherKindIsRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> ConnectionUrl.parse("mysql://me:hunter2@db/auth", "--url", none()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mysql://me:***@db/auth").hasMessageContaining("postgresql://user@host:port/dbname")
                .hasMessageNotContaining("hunter2");
        assertThat(ConnectionUrl.redacted("jdbc:postgresql://db/auth?user=me&password=hunter2")).doesNotContain("hunter2");
    }

    private ConnectionUrl.Defaults none() {
        return defaults(Map.of("PGUSER", "nobody"));
    }

    private ConnectionUrl.Defaults defaults(Map<String, String> environment) {
        return new ConnectionUrl.Defaults(environment, home);
    }
}
