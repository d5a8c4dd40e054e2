package dev.nightshift.sync;

import dev.nightshift.jobs.DatabaseLocks;
import dev.nightshift.postgres.AdvisoryLock;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/** What the sync refuses, and what a failed sync leaves behind: staging exactly as it was. */
class SyncSafetyTest {

    SyncFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void syncIntoAProtectedEnvironmentIsRefusedWhateverTheFlags() {
        // given staging marked protected
        fixture = SyncFixture.builder().users(20).stagingProtected().build();

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");

        // then refused with exit 3, nothing created
        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.err()).contains("protected").contains("staging");
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
    }

    @Test
    void aNewColumnMissingFromTheRulesFailsBeforeAnythingIsWritten() throws IOException {
        // given production got a column the rules do not know
        fixture = SyncFixture.builder().users(20).rules(copyOfRepositoryRules()).build();
        PG.execute(fixture.prod, "ALTER TABLE users ADD COLUMN home_address text");

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging");

        // then a configuration error naming the column with a suggested rule; nothing written anywhere
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("public.users").contains("home_address").contains("strategy");
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertThat(fixture.workDirectory()).doesNotExist();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
    }

    @Test
    void aFailureAfterTheDataStepLeavesStagingUntouchedAndDropsTheCopy() throws Exception {
        // given an original email address hidden in a kept jsonb column, which the leak scan must find
        fixture = SyncFixture.builder().users(50).sync("chunk-rows: 100").build();
        PG.execute(fixture.prod, "INSERT INTO audit_log (user_id, action, payload) SELECT id, 'user.support_note',"
                + " jsonb_build_object('note', 'customer wrote from ' || email) FROM users ORDER BY id LIMIT 1");
        Map<String, String> stagingBefore = DatabaseSnapshot.contentFingerprints(fixture.staging);
        String schemaBefore = DatabaseSnapshot.schema(fixture.staging);

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");

        // then the job fails in verification, staging is exactly as before and usable, the copy is gone
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains("verification failed").contains("public.audit_log")
                .contains("original email").contains("was not touched");
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(stagingBefore);
        assertThat(DatabaseSnapshot.schema(fixture.staging)).isEqualTo(schemaBefore);
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertThat(fixture.exists(fixture.previous())).isFalse();
        assertThat(Files.list(fixture.workDirectory()).filter(p -> !p.endsWith("reports")).toList())
                .as("the spool of unmasked rows is removed").isEmpty();
        Path report = Files.list(fixture.reports()).findFirst().orElseThrow();
        SyncReport parsed = SyncReport.read(report);
        assertThat(parsed.passed()).isFalse();
        assertThat(Files.readString(report)).as("the report names the leak, never the value")
                .doesNotContain("customer wrote from");

        // and the failed run cannot be restarted into a half state
        long id = PG.queryLong(fixture.nightshift.opsDatabase(), "SELECT max(job_execution_id) FROM nightshift.batch_job_execution");
        CliResult restart = fixture.nightshift.cli("jobs", "restart", Long.toString(id));
        assertThat(restart.exitCode()).as(restart.all()).isEqualTo(1);
        assertThat(restart.all()).contains("nothing to resume");
        assertThat(DatabaseSnapshot.contentFingerprints(fixture.staging)).isEqualTo(stagingBefore);
    }

    @Test
    void anUnusableWorkDirectoryIsAConfigurationErrorBeforeAnythingIsWritten() {
        // given a work directory that cannot be created (not even by root)
        fixture = SyncFixture.builder().users(20).sync("work-directory: /proc/nightshift-sync").build();

        // when
        CliResult result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");

        // then exit 2 naming the setting, and staging untouched
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("nightshift.sync.work-directory").contains("/proc/nightshift-sync");
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
    }

    @Test
    void aSyncIsRefusedWhileABackupOrRestoreOfTheTargetRuns() throws Exception {
        // given another process holding the target database's lock (as a restore into staging does)
        fixture = SyncFixture.builder().users(20).build();
        PGSimpleDataSource ops = new PGSimpleDataSource();
        ops.setURL(PG.jdbcUrl(fixture.nightshift.opsDatabase()));
        ops.setUser(PG.user());
        ops.setPassword(PG.password());
        fixture.nightshift.cli("jobs", "list"); // creates the ops schema
        CliResult result;
        try (AdvisoryLock held = AdvisoryLock.tryAcquire(ops, DatabaseLocks.name("staging", "auth"),
                "nightshift other-host:7 job 3").orElseThrow()) {
            // when
            result = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        }

        // then refused at once, naming the holder; nothing created or dropped
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.err()).contains("another backup, restore or sync of staging/auth is running (nightshift other-host:7");
        assertThat(fixture.exists(fixture.incoming())).isFalse();
        assertThat(PG.queryLong(fixture.staging, "SELECT count(*) FROM staging_marker")).isEqualTo(1);
    }

    /** The repository's rules, in a directory of the test's own (the repository's are not to be edited). */
    private static Path copyOfRepositoryRules() throws IOException {
        Path directory = Files.createTempDirectory("rules");
        Files.copy(Path.of("jobs/masking/auth.yml"), directory.resolve("auth.yml"));
        return directory;
    }
}
