package dev.nightshift.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgClientTest {

    @Test
    void readsTheVersionPgDumpPrints() {
        ServerVersion v = ServerVersion.parseClient("pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)\n");
        assertThat(v.major()).isEqualTo(15);
        assertThat(v.minor()).isEqualTo(19);
        assertThat(ServerVersion.parseClient("pg_dump (PostgreSQL) 17devel").major()).isEqualTo(17);
    }

    @Test
    void clientOlderThanTheServerIsRefusedNamingThePackageToInstall(@TempDir Path bin) throws Exception {
        // given a bin directory whose pg_dump is 14
        Path pgDump = bin.resolve("pg_dump");
        Files.writeString(pgDump, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.11'\n");
        Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwxr-xr-x"));

        // when a PostgreSQL 16 server is to be dumped, then
        assertThatThrownBy(() -> PgClient.forServer(new ServerVersion(16, 2, "16.2"), bin))
                .isInstanceOf(ClientVersionException.class)
                .hasMessageContaining("only pg_dump 14.11 in " + bin)
                .hasMessageContaining("install postgresql-client-16")
                .hasMessageContaining("nightshift.postgres.bin-dir");
    }

    @Test
    void clientAtLeastAsNewAsTheServerIsChosen(@TempDir Path bin) throws Exception {
        Path pgDump = bin.resolve("pg_dump");
        Files.writeString(pgDump, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 16.4'\n");
        Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwxr-xr-x"));

        PgClient client = PgClient.forServer(new ServerVersion(15, 3, "15.3"), bin);

        assertThat(client.version().major()).isEqualTo(16);
        assertThat(client.binDir()).isEqualTo(bin);
    }
}
