package dev.nightshift.migration.schema;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.ProtectedEnvironmentGuard;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgTarget;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate-schema rollback}: runs the undo scripts ({@code U002__x.sql}) of the applied versions above a
 * target version, newest first, behind a verified backup. Each undo and the removal of its version's row from
 * Flyway's history commit together, so Flyway sees the version as pending again and {@code migrate} re-applies it.
 */
@Component
public class SchemaRollback {

    private final Targets targets;
    private final FlywayTargets flyways;
    private final PreChangeBackup backups;
    private final SchemaMigrations migrations;

    SchemaRollback(Targets targets, FlywayTargets flyways, PreChangeBackup backups, SchemaMigrations migrations) {
        this.targets = targets;
        this.flyways = flyways;
        this.backups = backups;
        this.migrations = migrations;
    }

    /**
     * @param force roll back across versions without an undo script: their changes stay in the database, only
     *              their history rows go (so {@code migrate} runs them again: they must tolerate that)
     */
    public SchemaMigrationReport rollback(String environment, String logical, String to, boolean confirmed, boolean force,
                                         String runKey, String startedBy) {
        PgTarget target = targets.resolve(environment, logical);
        ProtectedEnvironmentGuard.checkWrite(targets, environment, confirmed, "roll back the schema of " + target.describe());
        Path location = flyways.requireLocation(target);
        Flyway flyway = flyways.flyway(target, location);
        MigrationVersion goal = parse(to);
        List<MigrationInfo> undone = above(flyway, goal, target);
        if (undone.isEmpty()) {
            return new SchemaMigrationReport(0, target.describe() + ": schema at version "
                    + SchemaMigrations.versionOrNone(flyway.info().current()) + ", nothing above " + to + " to roll back");
        }
        UndoFiles undoFiles = UndoFiles.in(location);
        List<String> irreversible = undone.stream().filter(m -> undoFiles.of(m.getVersion()).isEmpty())
                .map(m -> "V" + m.getVersion() + " (" + m.getDescription() + ")").toList();
        if (!irreversible.isEmpty() && !force) {
            throw new ConfigurationException("cannot roll back " + target.describe() + " to " + to + ": irreversible"
                    + " migration(s) without an undo script: " + String.join(", ", irreversible) + "; add U<version>__<description>.sql"
                    + " beside each, or add --force to remove their history rows and leave their changes in place");
        }
        List<String> invalid = migrations.validate(target);
        if (!invalid.isEmpty()) {
            return migrations.record(target, startedBy, 1, "FAILED", target.describe() + ": the applied migrations differ from "
                    + location + " (" + String.join("; ", invalid) + "); nothing was rolled back");
        }
        PreChangeBackup.Taken taken = backups.take(target, confirmed, "before-rollback-schema", runKey);
        if (taken.backup() == null) {
            return migrations.record(target, startedBy, 1, "REFUSED", taken.failure() + "; nothing was rolled back:"
                    + " a rollback runs only behind a verified backup");
        }
        String restore = PreChangeBackup.undoCommand(target, taken.backup());
        HistoryTable table = HistoryTable.of(flyway);
        List<String> done = new ArrayList<>();
        for (MigrationInfo migration : undone) {
            Optional<Path> undo = undoFiles.of(migration.getVersion());
            List<String> statements = SqlStatements.split(undo.map(UndoFiles::read).orElse(""));
            try {
                undo(target, table, migration, statements);
            } catch (SQLException e) {
                return migrations.record(target, startedBy, 1, "FAILED", target.describe() + ": the undo of version "
                        + migration.getVersion() + " failed: " + e.getMessage().lines().findFirst().orElse("")
                        + (SqlStatements.anyNonTransactional(statements) ? "; it runs without a transaction, so the statements"
                        + " before the failing one stay done" : "; its transaction was rolled back")
                        + (done.isEmpty() ? "" : " after undoing " + String.join(", ", done))
                        + "; schema now at version " + SchemaMigrations.versionOrNone(flyway.info().current())
                        + ". To return to the state before this run: " + restore);
            }
            done.add(migration.getVersion() + (undo.isEmpty() ? " (irreversible: history row removed, changes left in place)" : ""));
        }
        return migrations.record(target, startedBy, 0, "ROLLED-BACK", target.describe() + ": rolled back to version "
                + SchemaMigrations.versionOrNone(flyway.info().current()) + ", undone: " + String.join(", ", done)
                + "; backup before: #" + taken.backup().id() + " (" + taken.backup().artifact() + "); to undo: " + restore);
    }

    private static MigrationVersion parse(String to) {
        try {
            return MigrationVersion.fromVersion(to);
        } catch (RuntimeException e) {
            throw new ConfigurationException("--to must be a version such as 001 or 2.1, was '" + to + "'");
        }
    }

    /** The applied versions above {@code goal}, newest first; refuses a baseline or a failed version among them. */
    private static List<MigrationInfo> above(Flyway flyway, MigrationVersion goal, PgTarget target) {
        List<MigrationInfo> applied = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getVersion() != null && m.getVersion().isNewerThan(goal.getVersion()))
                .sorted(Comparator.comparing(MigrationInfo::getVersion).reversed()).toList();
        for (MigrationInfo m : applied) {
            if (m.getType().isBaseline()) {
                throw new ConfigurationException("cannot roll back " + target.describe() + " below its baseline version "
                        + m.getVersion() + ": the schema before it was never Flyway's; restore a backup instead");
            }
            if (m.getState().isFailed()) {
                throw new ConfigurationException("version " + m.getVersion() + " of " + target.describe() + " failed and"
                        + " left a history row; repair it first (remove the failed row once the database is consistent)");
            }
        }
        return applied;
    }

    private static void undo(PgTarget target, HistoryTable table, MigrationInfo migration, List<String> statements)
            throws SQLException {
        try (Connection c = target.connect()) {
            if (SqlStatements.anyNonTransactional(statements)) {
                // as Flyway does for such a file: each statement on its own; the history row goes last
                ScriptRunner.run(c, statements);
                table.remove(c, migration.getInstalledRank());
                return;
            }
            c.setAutoCommit(false);
            try {
                ScriptRunner.run(c, statements);
                table.remove(c, migration.getInstalledRank());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
