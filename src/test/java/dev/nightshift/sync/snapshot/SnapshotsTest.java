package dev.nightshift.sync.snapshot;

import dev.nightshift.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotsTest {

    @TempDir
    Path root;

    @Test
    void retentionKeepsTheNewestSealedSnapshotsOfItsSourceAndDatabaseOnly() throws Exception {
        // given three sealed snapshots of prod/auth, an unsealed newer one (an export still running), and
        // one of prod/user and one of qa/auth
        Path oldest = snapshot("prod-auth-20261201T020000Z-1", "prod", "auth", true);
        Path middle = snapshot("prod-auth-20261202T020000Z-2", "prod", "auth", true);
        Path newest = snapshot("prod-auth-20261203T020000Z-3", "prod", "auth", true);
        Path running = snapshot("prod-auth-20261204T020000Z-4", "prod", "auth", false);
        Path otherDatabase = snapshot("prod-user-20261101T020000Z-5", "prod", "user", true);
        Path otherSource = snapshot("qa-auth-20261101T020000Z-6", "qa", "auth", true);

        // when two are kept
        List<Path> removed = Snapshots.retain(root, "prod", "auth", 2);

        // then only the oldest of prod/auth went
        assertThat(removed).containsExactly(oldest);
        assertThat(oldest).doesNotExist();
        assertThat(List.of(middle, newest, running, otherDatabase, otherSource)).allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void latestIsTheNewestSealedSnapshotOfTheDatabase() throws Exception {
        snapshot("prod-auth-20261202T020000Z-9", "prod", "auth", true);
        Path newest = snapshot("prod-auth-20261203T020000Z-10", "prod", "auth", true);
        snapshot("prod-auth-20261204T020000Z-11", "prod", "auth", false);
        snapshot("prod-user-20261205T020000Z-12", "prod", "user", true);

        assertThat(Snapshots.resolve(root, "auth", "latest")).isEqualTo(newest);
        assertThat(Snapshots.resolve(root, "auth", "prod-auth-20261202T020000Z-9")).isEqualTo(root.resolve("prod-auth-20261202T020000Z-9"));
        assertThatThrownBy(() -> Snapshots.resolve(root, "billing", "latest"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no sealed snapshot of database 'billing'");
        assertThatThrownBy(() -> Snapshots.resolve(root, "auth", "nope"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no snapshot nope");
    }

    private Path snapshot(String name, String from, String database, boolean sealed) throws Exception {
        Path directory = Files.createDirectories(root.resolve(name));
        new SpoolManifest("test", null, List.of(), List.of(), List.of(), null,
                new SpoolManifest.Origin(from, database, 15, null, null, "x")).write(directory);
        if (sealed) {
            SnapshotSeal.write(directory);
        }
        return directory;
    }
}
