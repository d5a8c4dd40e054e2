package dev.nightshift.backup;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention marks a backup deleted, then deletes its artifact. The bug it guards: a process dying in between
 * left an artifact no later run removed. Now the next retention run removes it.
 */
class RetentionLeftoversTest {

    final TestPostgres pg = TestPostgres.get();
    NightshiftFixture nightshift;

    @AfterEach
    void cleanUp() {
        nightshift.close();
    }

    @Test
    void anArtifactMarkedDeletedButStillPresentIsRemovedByTheNextRetentionRun() throws Exception {
        // given keep-last 1, one backup, and a second backup whose process dies between marking the first
        // deleted and deleting its artifact
        String db = pg.createDatabase("leftover_src");
        pg.execute(db, "CREATE TABLE note (id int PRIMARY KEY); INSERT INTO note VALUES (1)");
        nightshift = NightshiftFixture.builder().environment("prod", new Environment().database("app", db)).dropOnClose(db)
                .backupSetting("retention: {keep-last: 1, hourly: 0, daily: 0, weekly: 0, monthly: 0}").build();
        assertThat(nightshift.cli("backup", "--env", "prod").exitCode()).isZero();
        Process second = nightshift.spawn(Map.of("NIGHTSHIFT_FAILPOINT", "retention.after-mark"), "backup", "--env", "prod");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(nightshift.spawnOutput()).isEqualTo(137);
        String first = artifactOf(1);
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup WHERE id = 1 AND deleted_at IS NOT NULL"))
                .isEqualTo(1);
        assertThat(artifacts()).as("the leftover").contains(first);

        // when retention runs again
        CliResult prune = nightshift.cli("prune", "--env", "prod");

        // then the leftover is gone, it says so, and the second backup stays
        assertThat(prune.exitCode()).as(prune.all()).isZero();
        assertThat(prune.all()).contains("removed the artifact of backup #1");
        assertThat(artifacts()).doesNotContain(first).contains(artifactOf(2));
        assertThat(pg.queryLong(nightshift.opsDatabase(),
                "SELECT count(*) FROM nightshift.backup WHERE id = 1 AND artifact_removed_at IS NOT NULL")).isEqualTo(1);
    }

    private String artifactOf(long id) {
        try (var c = pg.connect(nightshift.opsDatabase());
             var rs = c.createStatement().executeQuery("SELECT artifact FROM nightshift.backup WHERE id = " + id)) {
            rs.next();
            return Path.of(rs.getString(1)).getFileName().toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> artifacts() throws Exception {
        try (Stream<Path> files = Files.walk(nightshift.backupDirectory())) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        }
    }
}
