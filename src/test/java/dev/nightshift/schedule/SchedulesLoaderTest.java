package dev.nightshift.schedule;

import dev.nightshift.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jobs/schedules.yml is read strictly: every mistake is a configuration error that names the entry. */
class SchedulesLoaderTest {

    @TempDir
    Path dir;

    Path file(String entries) throws IOException {
        return Files.writeString(dir.resolve("schedules.yml"), """
                image: nightshift:test
                environments:
                  prod:
                    time-zone: Europe/Berlin
                    schedules:
                """ + entries.indent(6));
    }

    @Test
    void readsTheShippedDefaults() {
        // when the committed jobs/schedules.yml is loaded
        Schedules schedules = SchedulesLoader.load(Path.of("jobs/schedules.yml"));

        // then it has the three environments and the defaults the issue asks for
        assertThat(schedules.environments()).containsOnlyKeys("prod", "staging", "dev");
        assertThat(schedules.environment("prod").entry("backup").orElseThrow().cron().unix()).isEqualTo("0 * * * *");
        assertThat(schedules.environment("staging").entry("backup").orElseThrow().cron().unix()).isEqualTo("0 2 * * *");
        assertThat(schedules.environment("dev").entry("backup").orElseThrow().cron().unix()).isEqualTo("0 2 * * *");
        // the masked copy is exported on production's side and imported hours later on staging's
        ScheduleEntry export = schedules.environment("prod").entry("sync-export").orElseThrow();
        assertThat(export.cron().unix()).isEqualTo("0 0 * * 0");
        assertThat(export.args()).containsExactly("sync", "export", "--env", "prod");
        ScheduleEntry load = schedules.environment("staging").entry("sync-import").orElseThrow();
        assertThat(load.cron().unix()).isEqualTo("30 4 * * 0");
        assertThat(load.args()).containsExactly("sync", "import", "--env", "staging");
        assertThat(schedules.environment("staging").entries()).extracting(ScheduleEntry::args)
                .noneMatch(args -> args.contains("--from") || args.contains("export"));
        for (String env : schedules.environments().keySet()) {
            assertThat(schedules.environment(env).entries()).extracting(ScheduleEntry::name)
                    .contains("backup", "backup-check", "maintain", "test-restore");
        }
    }

    @Test
    void readsAnEntry() throws IOException {
        Schedules schedules = SchedulesLoader.load(file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod], timeout: 90m}"));
        ScheduleEntry entry = schedules.environment("prod").entries().get(0);
        assertThat(entry.id()).isEqualTo("prod/backup");
        assertThat(entry.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(entry.argsWithRunKey("2026-12-02T04:00:00Z"))
                .containsExactly("backup", "--env", "prod", "--run-key", "2026-12-02T04:00:00Z");
    }

    @Test
    void readsTheSnapshotVolumeSizeOrDefaultsIt() throws IOException {
        // the default, when the environment does not say
        assertThat(SchedulesLoader.load(file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod]}"))
                .environment("prod").snapshotStorage()).isEqualTo("50Gi");

        // and what it says
        Path file = Files.writeString(dir.resolve("sized.yml"), """
                image: nightshift:test
                environments:
                  prod:
                    time-zone: UTC
                    snapshot-storage: 20Gi
                    schedules:
                      - {name: sync-export, cron: "0 0 * * 0", args: [sync, export, --env, prod]}
                """);
        assertThat(SchedulesLoader.load(file).environment("prod").snapshotStorage()).isEqualTo("20Gi");
    }

    @Test
    void readsAPerDatabaseFanOut() throws IOException {
        // given
        Path file = file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod], fan-out: per-database,"
                + " databases: [auth, user, crm], parallelism: 2}");

        // when
        ScheduleEntry entry = SchedulesLoader.load(file).environment("prod").entries().get(0);

        // then
        assertThat(entry.fannedOut()).isTrue();
        assertThat(entry.parallelism()).isEqualTo(2);
        assertThat(entry.argsForAllDatabases()).containsExactly("backup", "--env", "prod", "--database", "auth",
                "--database", "user", "--database", "crm");
        assertThat(entry.perDatabase()).extracting(ScheduleEntry::name).containsExactly("backup.auth", "backup.user", "backup.crm");
    }

    @Test
    void rejectsAFanOutWithoutDatabasesOrWithDatabasesInItsArgs() throws IOException {
        Path none = file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod], fan-out: per-database}");
        assertThatThrownBy(() -> SchedulesLoader.load(none)).hasMessageContaining("databases: [auth, user]");
        Path both = file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod, --database, auth],"
                + " fan-out: per-database, databases: [auth]}");
        assertThatThrownBy(() -> SchedulesLoader.load(both)).hasMessageContaining("not with --database in args");
        Path stray = file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod], parallelism: 2}");
        assertThatThrownBy(() -> SchedulesLoader.load(stray)).hasMessageContaining("go with fan-out: per-database");
        Path zero = file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod], fan-out: per-database,"
                + " databases: [auth], parallelism: 0}");
        assertThatThrownBy(() -> SchedulesLoader.load(zero)).hasMessageContaining("parallelism must be a whole number");
    }

    @Test
    void rejectsACommandAimedAtAnotherEnvironment() throws IOException {
        // given a line copied from staging's schedule into prod's
        Path file = file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, staging]}");

        assertThatThrownBy(() -> SchedulesLoader.load(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prod/backup").hasMessageContaining("--env prod");
    }

    @Test
    void rejectsArgumentsTheLauncherAdds() throws IOException {
        Path file = file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod, --run-key, x]}");
        assertThatThrownBy(() -> SchedulesLoader.load(file)).hasMessageContaining("must not contain --run-key");
    }

    @Test
    void rejectsDuplicateNamesUnknownKeysBadZonesAndBadNames() throws IOException {
        Path duplicate = file("""
                - {name: backup, cron: "0 4 * * *", args: [backup, --env, prod]}
                - {name: backup, cron: "0 5 * * *", args: [backup, --env, prod]}""");
        assertThatThrownBy(() -> SchedulesLoader.load(duplicate)).hasMessageContaining("two schedules are named 'backup'");

        Path unknown = file("- {name: backup, cron: \"0 4 * * *\", args: [backup, --env, prod], retries: 3}");
        assertThatThrownBy(() -> SchedulesLoader.load(unknown)).hasMessageContaining("unknown key 'retries'");

        Path badName = file("- {name: Backup_Prod, cron: \"0 4 * * *\", args: [backup, --env, prod]}");
        assertThatThrownBy(() -> SchedulesLoader.load(badName)).hasMessageContaining("lower-case letters");

        Path badZone = Files.writeString(dir.resolve("zone.yml"),
                "image: x\nenvironments:\n  prod: {time-zone: Mars/Olympus, schedules: []}\n");
        assertThatThrownBy(() -> SchedulesLoader.load(badZone)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Mars/Olympus").hasMessageContaining("IANA");
    }

    @Test
    void aMissingFileSaysWhichSettingPointsAtIt() {
        assertThatThrownBy(() -> SchedulesLoader.load(dir.resolve("nope.yml")))
                .hasMessageContaining("nightshift.schedule.file");
    }
}
