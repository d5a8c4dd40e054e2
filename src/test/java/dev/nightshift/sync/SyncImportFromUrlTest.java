package dev.nightshift.sync;

import dev.nightshift.sync.snapshot.Snapshots;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.DatabaseSnapshot;
import dev.nightshift.testsupport.NightshiftFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer's laptop: {@code sync import --snapshot DIR --url URL} with no configuration file loads a masked
 * snapshot into the server the URL names, with the job history in nightshift_ops on that server (created when
 * missing). A server that a given configuration marks protected is refused, and so is --url with --env.
 */
class SyncImportFromUrlTest {

    static final String OPS = "nightshift_ops";

    static SyncFixture fixture;
    static Map<String, String> oneProcessCopy;
    static Path snapshot;
    static Path workDirectory;
    final String laptopDatabase = "laptop_auth_" + Long.toHexString(System.nanoTime());

    @BeforeAll
    static void exportedSnapshot() throws Exception {
        fixture = SyncFixture.builder().users(200).sync("chunk-rows: 100").build();
        CliResult sync = fixture.nightshift.cli("sync", "--from", "prod", "--to", "staging", "--source", "live");
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        oneProcessCopy = DatabaseSnapshot.contentFingerprints(fixture.staging);
        Path directory = Files.createTempDirectory("copied-snapshots");
        CliResult export = fixture.nightshift.cli("sync", "export", "--env", "prod", "--database", "auth",
                "--source", "live", "--to", directory.toString());
        assertThat(export.exitCode()).as(export.all()).isZero();
        List<Path> sealed = Snapshots.sealed(directory, "auth");
        assertThat(sealed).hasSize(1);
        snapshot = sealed.get(0);
        // the laptop's reports go here rather than under ~/.nightshift (a system property, as -D would set it)
        workDirectory = Files.createTempDirectory("laptop-work");
        System.setProperty("nightshift.sync.work-directory", workDirectory.toString());
    }

    @AfterAll
    static void cleanUp() {
        System.clearProperty("nightshift.sync.work-directory");
        PG.dropDatabase(OPS);
        fixture.close();
    }

    @AfterEach
    void dropLaptopDatabases() {
        for (String suffix : List.of("", "__incoming", "__previous")) {
            PG.dropDatabase(laptopDatabase + suffix);
        }
    }

    @Test
    void aSnapshotDirectoryAndAUrlAreEnoughAndGiveTheRowsOfTheOneProcessSync() {
        // given a server without an ops database, and no configuration file
        PG.dropDatabase(OPS);

        // when the snapshot is imported by URL, twice (the second time as a JDBC URL, replacing the first copy)
        CliResult first = NightshiftFixture.cliWithoutConfig("sync", "import", "--snapshot", snapshot.toString(),
                "--url", "postgresql://" + PG.user() + ":" + PG.password() + "@" + PG.host() + ":" + PG.port() + "/" + laptopDatabase);
        CliResult second = NightshiftFixture.cliWithoutConfig("sync", "import", "--snapshot", snapshot.toString(),
                "--url", PG.jdbcUrl(laptopDatabase) + "?user=" + PG.user() + "&password=" + PG.password());

        // then the database holds exactly the rows of the one-process sync, and the ops database was created once
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.all()).contains("created the ops database " + OPS).contains("local/auth (" + laptopDatabase)
                .doesNotContain(PG.password());
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.all()).doesNotContain("created the ops database").doesNotContain(PG.password());
        assertThat(DatabaseSnapshot.contentFingerprints(laptopDatabase)).isEqualTo(oneProcessCopy);
        assertThat(PG.queryLong(OPS, "SELECT count(*) FROM nightshift.batch_job_execution"
                + " WHERE status = 'COMPLETED'")).isEqualTo(2);
        assertThat(workDirectory.resolve("reports")).isNotEmptyDirectory();
    }

    @Test
    void urlWithEnvIsAUsageErrorThatSaysWhichToUse() {
        CliResult both = NightshiftFixture.cliWithoutConfig("sync", "import", "--env", "staging",
                "--snapshot", snapshot.toString(), "--url", PG.jdbcUrl(laptopDatabase));

        assertThat(both.exitCode()).as(both.all()).isEqualTo(2);
        assertThat(both.err()).contains("--url and --env both name the target").contains("--env staging alone");
    }

    @Test
    void aServerTheGivenConfigurationMarksProtectedIsRefusedWhateverItsSpelling() {
        // given a configuration whose protected prod is on the test cluster, and a URL spelling that server otherwise
        String otherSpelling = PG.host().equals("localhost") ? "127.0.0.1" : PG.host().equals("127.0.0.1") ? "localhost" : PG.host();

        // when a snapshot is imported into it by URL
        CliResult refused = fixture.nightshift.cli("sync", "import", "--snapshot", snapshot.toString(), "--url",
                "postgresql://" + PG.user() + ":" + PG.password() + "@" + otherSpelling + ":" + PG.port() + "/" + laptopDatabase);

        // then it is refused before anything is written, naming the setting that would allow it
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(3);
        assertThat(refused.err()).contains("environment 'prod'").contains("nightshift.environments.prod.protected: false")
                .doesNotContain(PG.password());
        assertThat(fixture.exists(laptopDatabase)).isFalse();
        assertThat(fixture.exists(laptopDatabase + "__incoming")).isFalse();
    }

    @Test
    void aWrongPasswordIsAConfigurationErrorThatDoesNotShowThePassword() {
        CliResult wrong = NightshiftFixture.cliWithoutConfig("sync", "import", "--snapshot", snapshot.toString(),
                "--url", "postgresql://" + PG.user() + ":not-the-password-42@" + PG.host() + ":" + PG.port() + "/" + laptopDatabase);

        assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(2);
        assertThat(wrong.err()).contains("cannot connect to " + PG.user() + "@" + PG.host() + ":" + PG.port() + " (--url)")
                .contains("password").doesNotContain("not-the-password-42");
        assertThat(fixture.exists(laptopDatabase)).isFalse();
    }
}
