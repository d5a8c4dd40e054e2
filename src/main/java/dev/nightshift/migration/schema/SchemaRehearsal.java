package dev.nightshift.migration.schema;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.SafetyGuardException;
import dev.nightshift.config.Targets;
import dev.nightshift.jobs.JobLiveness;
import dev.nightshift.jobs.JobRefusedException;
import dev.nightshift.jobs.ScratchDatabases;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgClients;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.SchemaDump;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.postgresql.util.PSQLException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate-schema rehearse}: the pending versions of a database tried on a restored copy of its newest
 * verified backup, on the same server: each applied while measured ({@link StatementProbe}), undone and the
 * schema compared with the one before it, and applied again. The copy is dropped whatever happens.
 */
@Component
public class SchemaRehearsal {

    private final NightshiftProperties properties;
    private final Targets targets;
    private final FlywayTargets flyways;
    private final BackupJobs backups;
    private final PgClients clients;
    private final JobLiveness liveness;

    SchemaRehearsal(NightshiftProperties properties, Targets targets, FlywayTargets flyways, BackupJobs backups, PgClients clients,
                    JobLiveness liveness) {
        this.liveness = liveness;
        this.properties = properties;
        this.targets = targets;
        this.flyways = flyways;
        this.backups = backups;
        this.clients = clients;
    }

    /** The SQL of each pending version of the live database, without running anything. */
    public String pendingSql(String environment, String logical) {
        PgTarget target = targets.resolve(environment, logical);
        Path location = flyways.requireLocation(target);
        UndoFiles undo = UndoFiles.in(location);
        StringBuilder out = new StringBuilder();
        MigrationInfo[] pending = flyways.flyway(target, location).info().pending();
        if (pending.length == 0) {
            return "-- " + target.describe() + ": nothing pending\n";
        }
        for (MigrationInfo m : pending) {
            out.append("-- ").append(target.describe()).append(": V").append(m.getVersion()).append(" ").append(m.getDescription())
                    .append(" (").append(m.getScript()).append("; undo: ")
                    .append(undo.of(m.getVersion()).map(p -> p.getFileName().toString()).orElse("none, irreversible")).append(")\n")
                    .append(UndoFiles.read(location.resolve(m.getScript())).strip()).append("\n\n");
        }
        return out.toString();
    }

    public RehearsalReport rehearse(String environment, String logical, boolean confirmed) {
        PgTarget live = targets.resolve(environment, logical);
        if (live.protectedEnvironment() && !confirmed) {
            throw new SafetyGuardException("refusing to rehearse on the server of protected environment '" + environment
                    + "': it would create and load a scratch database there; add --confirm-production");
        }
        Path location = flyways.requireLocation(live);
        CatalogEntry backup = backups.latestVerified(environment, logical).orElseThrow(() -> new JobRefusedException(
                "there is no verified backup of " + live.describe() + " to rehearse on; take one with nightshift backup --env "
                        + environment + " --database " + logical));
        String described = "#" + backup.id() + " (" + backup.artifact() + ", taken " + backup.startedAt() + ")";
        // the copy holds production data: only on a server allowed to hold the backup's data
        targets.dataClasses().checkCopy(environment, environment, "rehearse on a restored copy of " + live.describe());
        String scratchName = "(not created)";
        try (JobLiveness.Owner owner = liveness.own()) {
            scratchName = ScratchDatabases.name("rehearse", owner.id());
            PgClient client = clients.forTarget(live);
            String liveVersion = SchemaMigrations.versionOrNone(flyways.flyway(live, location).info().current());
            try (ScratchCopy copy = ScratchCopy.restore(backups, backup, client, live, scratchName)) {
                Flyway flyway = flyways.flyway(copy.database(), location);
                if (flyway.info().current() == null && flyway.getConfiguration().isBaselineOnMigrate()) {
                    flyway.baseline();
                }
                String copyVersion = SchemaMigrations.versionOrNone(flyway.info().current());
                List<VersionResult> versions = rehearse(copy.database(), flyway, location, client);
                return new RehearsalReport(live.describe(), described, copy.database().database(), copyVersion
                        + (copyVersion.equals(liveVersion) ? " (as live)" : " (live: " + liveVersion + ")"),
                        properties.migration().rehearsalBlockThreshold().toMillis(), versions);
            }
        } catch (IOException | SQLException e) {
            throw new JobRefusedException("the rehearsal of " + live.describe() + " could not restore backup " + described
                    + " into " + scratchName + ": " + firstLine(e) + "; the scratch database was dropped");
        }
    }

    private List<VersionResult> rehearse(PgTarget scratch, Flyway flyway, Path location, PgClient client) throws IOException {
        UndoFiles undoFiles = UndoFiles.in(location);
        List<VersionResult> results = new ArrayList<>();
        for (MigrationInfo m : Arrays.asList(flyway.info().pending())) {
            VersionResult result = rehearse(scratch, client, m, location, undoFiles.of(m.getVersion()));
            results.add(result);
            if (result.failed()) {
                break;
            }
        }
        return results;
    }

    private VersionResult rehearse(PgTarget scratch, PgClient client, MigrationInfo m, Path location, Optional<Path> undoFile)
            throws IOException {
        String version = m.getVersion().getVersion();
        List<String> forward = SqlStatements.split(UndoFiles.read(location.resolve(m.getScript())));
        boolean transactional = !SqlStatements.anyNonTransactional(forward);
        String before = SchemaDump.of(client, scratch);
        List<StatementResult> statements;
        try {
            statements = StatementProbe.apply(scratch, forward, properties.migration().rehearsalBlockThreshold());
        } catch (SQLException e) {
            return new VersionResult(version, m.getDescription(), transactional, List.of(), "not run", List.of(),
                    "applying it failed: " + safeMessage(e));
        }
        if (undoFile.isEmpty()) {
            return new VersionResult(version, m.getDescription(), transactional, statements, "missing", List.of(), null);
        }
        try {
            run(scratch, SqlStatements.split(UndoFiles.read(undoFile.get())));
        } catch (SQLException e) {
            return new VersionResult(version, m.getDescription(), transactional, statements, "not run", List.of(),
                    "its undo " + undoFile.get().getFileName() + " failed: " + safeMessage(e));
        }
        List<String> difference = SchemaDifference.lines(before, SchemaDump.of(client, scratch));
        if (!difference.isEmpty()) {
            return new VersionResult(version, m.getDescription(), transactional, statements, "differs", difference, null);
        }
        try {
            run(scratch, forward);
        } catch (SQLException e) {
            return new VersionResult(version, m.getDescription(), transactional, statements, "restored", List.of(),
                    "applying it again after its undo failed: " + safeMessage(e));
        }
        return new VersionResult(version, m.getDescription(), transactional, statements, "restored", List.of(), null);
    }

    private static void run(PgTarget database, List<String> statements) throws SQLException {
        try (var c = database.connect()) {
            boolean transactional = !SqlStatements.anyNonTransactional(statements);
            c.setAutoCommit(!transactional);
            ScriptRunner.run(c, statements);
            if (transactional) {
                c.commit();
            }
        }
    }

    /**
     * The SQLSTATE and PostgreSQL's primary message, never its DETAIL, which can quote the rows of the restored
     * (production) copy; a data exception's primary message can quote a value too, so only its class is kept.
     */
    static String safeMessage(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22")) {
            return "SQLSTATE " + state + " (a data exception; the message is left out as it may quote a row)";
        }
        String message = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : firstLine(e);
        return message + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
