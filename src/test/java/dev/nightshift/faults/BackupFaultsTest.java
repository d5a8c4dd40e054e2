package dev.nightshift.faults;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Backups whose network, disk or ops database fails mid-run: nothing half-done is listed, the next run recovers. */
class BackupFaultsTest {

    final TestPostgres pg = TestPostgres.get();
    final FaultProxy sourceProxy = FaultProxy.toTestServer();
    String source;
    NightshiftFixture nightshift;

    @BeforeEach
    void source() {
        source = pg.createDatabase("fault_src");
        pg.execute(source, "CREATE TABLE item (id int PRIMARY KEY, name text); "
                + "INSERT INTO item SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 8000) g");
    }

    @AfterEach
    void cleanUp() {
        Failpoint.clearActions();
        sourceProxy.close();
        if (nightshift != null) {
            nightshift.close();
        }
    }

    @Test
    @Covers(FaultCase.BACKUP_SOURCE_CUT_MID_DUMP)
    void sourceCutMidDumpListsNothingAndTheNextBackupCompletes() {
        // given a backup whose source connection is cut 256 kB into pg_dump's stream
        nightshift = fixture(NightshiftFixture.builder());
        Failpoint.whenReached("backup.dump.before-pg-dump", () -> sourceProxy.cutAfterServerBytes(256 * 1024));

        // when
        CliResult cut = nightshift.cli("backup", "--env", "prod");
        Failpoint.clearActions();

        // then
        FaultAssertions.failedWithOneLine(cut, FaultCase.BACKUP_SOURCE_CUT_MID_DUMP);
        assertThat(sourceProxy.cutConnections()).as("the fault happened").isPositive();
        FaultAssertions.noBackupListed(nightshift, "prod");
        FaultAssertions.nextBackupCompletes(nightshift, "prod", 8000);
    }

    private NightshiftFixture fixture(NightshiftFixture.Builder builder) {
        return builder.environment("prod", new Environment().database("app", source)
                        .host(sourceProxy.host()).port(sourceProxy.port()))
                .dropOnClose(source)
                .build();
    }
}
